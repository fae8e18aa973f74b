// UnitsTests: durations and sizes as configuration text — what parses, what does not, and the shortest exact form
// they are written back in; and the "did you mean" suggestions.

import Testing

@testable import Config

@Test func durationsParse() {
    let cases: [(String, Double?)] = [
        ("30s", 30), ("5m", 300), ("2h", 7200), ("30d", 2_592_000), ("250ms", 0.25), ("1.5h", 5400), ("300", 300), ("5 m", 300),
        ("5M", 300), ("m5", nil), ("5x", nil), ("", nil), ("inf", nil), ("5 minutes", nil), ("1_000s", 1000),
    ]
    for (text, seconds) in cases { #expect(Durations.parse(text) == seconds, "\(text)") }
}

@Test func durationsFormatShortestExact() {
    let cases: [(Double, String)] = [(300, "5m"), (90, "90s"), (0.25, "250ms"), (2_592_000, "30d"), (3600, "1h"), (0, "0s"), (1.5, "1500ms")]
    for (seconds, text) in cases {
        #expect(Durations.format(seconds) == text)
        #expect(Durations.parse(text) == seconds)
    }
}

@Test func sizesParseAndFormat() {
    let cases: [(String, Int?)] = [
        ("64MiB", 64 << 20), ("8mib", 8 << 20), ("512KiB", 512 << 10), ("1GiB", 1 << 30), ("1GB", 1_000_000_000), ("1000", 1000),
        ("0.5MiB", 512 << 10), ("1.5", nil), ("MiB", nil), ("-", nil), ("64 MB", 64_000_000), ("2 parsecs", nil),
    ]
    for (text, bytes) in cases { #expect(Sizes.parse(text) == bytes, "\(text)") }
    #expect(Sizes.format(64 << 20) == "64MiB")
    #expect(Sizes.format(1536) == "1536")
    #expect(Sizes.format(1000) == "1000")
    #expect(Sizes.format(3 << 10) == "3KiB")
}

@Test func suggestionsFindLikelyTypos() {
    let keys = ConfigKey.all.map(\.name)
    #expect(Suggestion.closest(to: "capture.interfce", among: keys) == "capture.interface")
    #expect(Suggestion.closest(to: "interface", among: keys) == "capture.interface")
    #expect(Suggestion.closest(to: "drift.windows", among: keys) == "drift.window")
    #expect(Suggestion.closest(to: "completely.different", among: keys) == nil)
    #expect(Suggestion.distance("kitten", "sitting") == 3)
}
