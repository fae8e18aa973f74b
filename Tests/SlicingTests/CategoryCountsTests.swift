// CategoryCountsTests: counting, merging and comparing categorical descriptor counts, whatever order the
// categories were first seen in.

import Slicing
import Testing

@Test func categoryCountsCountMergeAndCompare() {
    var a = CategoryCounts()
    for label in ["latin", "cjk", "latin", "latin", "none"] { a.add(label) }
    a.add("cjk", times: 3)
    #expect(a.counts == ["latin": 3, "cjk": 4, "none": 1])
    #expect(a.total == 8 && a["cjk"] == 4 && a["arabic"] == 0)
    #expect(a.probabilities == ["latin": 3 / 8, "cjk": 0.5, "none": 1 / 8])

    var b = CategoryCounts()
    b.add("none")
    b.add("cjk", times: 4)
    b.add("latin", times: 3)
    #expect(a == b, "equal counts first seen in another order")
    #expect(a.hashValue == b.hashValue)
    b.add("latin")
    #expect(a != b)

    a.merge(b)
    #expect(a.counts == ["latin": 7, "cjk": 8, "none": 2])
    #expect(CategoryCounts().counts.isEmpty && CategoryCounts().total == 0)
}
