// Slicing: placeholder until its first type lands.
