// ParserBenchmarkTests: a micro-benchmark, off by default (set JSON_BENCH=1 and build with -c release to run):
// parses SSE-like chunks with JSONParser and with Foundation's JSONSerialization, printing objects/s and MB/s.

import Foundation
import JSON
import Testing

private func chunk(_ i: Int) -> [UInt8] {
    let words = ["Hello", " world", "!", " The", " quick", #" brown\n"#, #" \"fox\""#, " über", " 😀", " 42"]
    return Array(#"{"choices":[{"delta":{"content":"\#(words[i % words.count])"}}]}"#.utf8)
}

private func measure(_ name: String, _ docs: [[UInt8]], _ n: Int, _ parse: ([UInt8]) throws -> Void) rethrows {
    let clock = ContinuousClock()
    var bytes = 0
    let elapsed = try clock.measure {
        for i in 0..<n {
            let doc = docs[i % docs.count]
            bytes += doc.count
            try parse(doc)
        }
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    print("\(name): \(Int(Double(n) / seconds)) objects/s, \(Double(bytes) / seconds / 1e6) MB/s")
}

@Test(.enabled(if: ProcessInfo.processInfo.environment["JSON_BENCH"] != nil))
func parserBenchmark() throws {
    let docs = (0..<1000).map(chunk)
    let n = Int(ProcessInfo.processInfo.environment["JSON_BENCH_COUNT"] ?? "") ?? 1_000_000
    let parser = JSONParser()
    try measure("JSONParser", docs, n) { doc in _ = try parser.parse(doc) }
    try measure("JSONSerialization", docs, n / 10) { doc in
        _ = try JSONSerialization.jsonObject(with: Data(doc), options: [.fragmentsAllowed])
    }
}
