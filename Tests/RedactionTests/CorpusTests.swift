// Corpus tests: every line of Fixtures/redaction-corpus.jsonl (realistic positives for each kind and
// near misses that must stay) is redacted to its expected text with its expected counts, and
// redacting the result again changes nothing.

import Foundation
import Redaction
import Testing

struct CorpusLine: Decodable, Sendable, CustomTestStringConvertible {
    let input: String
    let expected: String
    let counts: [String: Int]

    var testDescription: String { input }
    var isNearMiss: Bool { counts.isEmpty }

    static let all: [CorpusLine] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/redaction-corpus.jsonl")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap {
            try? JSONDecoder().decode(CorpusLine.self, from: Data($0.utf8))
        }
    }()
}

@Suite struct CorpusTests {
    let redactor = try! Redactor()

    @Test(arguments: CorpusLine.all)
    func redactsLine(_ line: CorpusLine) {
        let (text, counts) = redactor.redact(line.input)
        #expect(text == line.expected)
        #expect(Dictionary(uniqueKeysWithValues: counts.sorted.map { ($0.kind, $0.count) }) == line.counts)
    }

    @Test(arguments: CorpusLine.all)
    func redactedTextIsStable(_ line: CorpusLine) {
        let once = redactor.redact(line.input).text
        let twice = redactor.redact(once)
        #expect(twice.text == once)
        #expect(twice.counts.total == 0)
    }

    @Test func corpusCoversEveryKind() {
        let lines = CorpusLine.all
        #expect(lines.count >= 80)
        #expect(lines.filter(\.isNearMiss).count >= 30)
        for kind in RedactionKind.builtIns {
            let lines = lines.filter { $0.counts[kind.name, default: 0] > 0 }.count
            #expect(lines >= 3, "\(kind.name) appears in \(lines) lines")
        }
    }
}
