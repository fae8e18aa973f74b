// DescriptorSketchTests: log-spaced bins, category counts, and merge == sketch of the concatenation.

import Slicing
import Testing

@Test func edgesAreQuarterOctaves() {
    #expect(Array(LogHistogram.edges(maxExponent: 6)) == [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 13, 16, 19, 23, 27, 32, 38, 45, 54, 64])
    let edges = LogHistogram.edges(maxExponent: 20)
    #expect(edges.last == 1 << 20)
    #expect(zip(edges, edges.dropFirst()).allSatisfy { $0 < $1 })
}

@Test(arguments: [(0, 0), (-3, 0), (1, 1), (7, 7), (9, 8), (10, 9), (63, 19), (64, 20), (1000, 20)])
func binOf(_ value: Int, _ bin: Int) {
    #expect(LogHistogram(maxExponent: 6).bin(of: value) == bin)
}

@Test func histogramCountsAndProbabilities() {
    var h = LogHistogram(maxExponent: 3)  // edges 0 1 2 3 4 5 6 7 8
    for v in [0, 1, 1, 5, 100] { h.add(v) }
    #expect(h.counts == [1, 2, 0, 0, 0, 1, 0, 0, 1])
    #expect(h.total == 5)
    #expect(h.probabilities == [0.2, 0.4, 0, 0, 0, 0.2, 0, 0, 0.2])
    #expect(LogHistogram(maxExponent: 3).probabilities.allSatisfy { $0 == 0 })
}

private let first = [
    "How do I reset my password?", "Write a poem about the sea.", "```python\nprint('hi')\n```",
    "Привет мир", "See https://example.com",
]
private let second = [
    "こんにちは世界", "مرحبا", "Please translate this into German: good morning", "", String(repeating: "long ", count: 900),
]

@Test func mergeEqualsSketchOfConcatenation() {
    let a = DescriptorSketch(first.enumerated().map { Descriptors(text: $1, turns: $0 + 1) })
    let b = DescriptorSketch(second.enumerated().map { Descriptors(text: $1, turns: 3 * $0) })
    let all = DescriptorSketch(
        first.enumerated().map { Descriptors(text: $1, turns: $0 + 1) }
            + second.enumerated().map { Descriptors(text: $1, turns: 3 * $0) })
    var merged = a
    merged.merge(b)
    #expect(merged == all)
    #expect(a.merging(b) == b.merging(a))
    #expect(merged.count == 10)
    #expect(DescriptorSketch().merging(all) == all)
}

@Test func sketchCountsCategoriesAndBins() {
    let sketch = DescriptorSketch((first + second).map { Descriptors(text: $0) })
    #expect(sketch[.script].counts == ["latin": 6, "cyrillic": 1, "cjk": 1, "arabic": 1, "other": 1])
    #expect(sketch[.language]["n/a"] == 4)
    #expect(sketch[.containsCode]["true"] == 1)
    #expect(sketch[.containsURL]["true"] == 1)
    #expect(sketch[.isQuestion].counts == ["true": 1, "false": 9])
    #expect(sketch[.turns].counts[1] == 10)
    #expect(sketch[.characters].total == 10)
    let probabilities = sketch.probabilities
    #expect(probabilities.categorical[.script]?["latin"] == 0.6)
    #expect(probabilities.numeric[.turns]?[1] == 1)
    for field in CategoricalDescriptor.allCases { #expect(sketch[field].total == 10) }
}
