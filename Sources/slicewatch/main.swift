print("slicewatch")
