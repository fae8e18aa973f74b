// BytePatternsTests: the grouped search (first byte, then the byte-pair table) finds exactly what a naive
// search over every position and pattern finds: one-byte patterns, shared prefixes, matches at the very end.

import Hashing
import Slicing
import Testing

@Test func bytePatternsAgreeWithNaiveSearch() {
    var rng = SeededRandom(seed: 7)
    let alphabet = Array("ab i'm".utf8)
    func random(_ n: Int) -> [UInt8] { (0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] } }
    for round in 0..<300 {
        var patterns = (0..<Int(rng.next() % 6)).map { _ in random(1 + Int(rng.next() % 4)) }
        if round % 7 == 0 { patterns.append([]) }
        let search = BytePatterns(patterns)
        for _ in 0..<20 {
            let text = random(Int(rng.next() % 24))
            let expected = patterns.contains { p in
                !p.isEmpty && p.count <= text.count && (0...(text.count - p.count)).contains { i in Array(text[i..<(i + p.count)]) == p }
            }
            let found = text.withUnsafeBufferPointer { search.occurs(in: $0) }
            #expect(found == expected, "patterns \(patterns.map { String(decoding: $0, as: UTF8.self) }) text \(String(decoding: text, as: UTF8.self))")
        }
    }
}
