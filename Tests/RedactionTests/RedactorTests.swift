// Redactor unit tests: the no-copy fast path, counts, custom patterns and their errors, kind selection,
// overlap resolution, multibyte text around matches, and a large random input.

import Redaction
import Testing

@Suite struct RedactorTests {
    let redactor = try! Redactor()

    /// The address of a string's UTF-8 storage (long strings only: short ones are stored inline).
    static func storage(_ text: String) -> UnsafeRawPointer? {
        text.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
    }

    @Test func textWithoutTriggersIsReturnedWithoutCopying() {
        let text = String(repeating: "plain words only, nothing here; just prose (no numbers) ", count: 40)
        let (result, counts) = redactor.redact(text)
        #expect(result == text)
        #expect(counts.total == 0)
        #expect(Self.storage(text) != nil && Self.storage(result) == Self.storage(text))
    }

    @Test func textWithNearMissesIsReturnedWithoutCopying() {
        let text = String(repeating: "Card 4111 1111 1111 1112, v1.2.3.4 at 12:30 on 2024-05-01. ", count: 40)
        let (result, counts) = redactor.redact(text)
        #expect(counts.total == 0)
        #expect(Self.storage(text) != nil && Self.storage(result) == Self.storage(text))
    }

    @Test func countsAddUpAndMerge() {
        var a = RedactionCounts()
        a[.email] += 2
        a[.phone] += 1
        var b = RedactionCounts()
        b[.email] += 1
        b[.custom("ticket")] += 3
        a.merge(b)
        #expect(a[.email] == 3)
        #expect(a[.phone] == 1)
        #expect(a[.custom("ticket")] == 3)
        #expect(a[.card] == 0)
        #expect(a.total == 7)
        #expect(a.sorted.map(\.kind) == ["email", "ticket", "phone"])
        a[.phone] = 0
        #expect(a.sorted.count == 2)
    }

    @Test func countsFromSeveralTextsMerge() {
        var total = RedactionCounts()
        for text in ["a@example.com and b@example.com", "call +44 20 7946 0958", "c@example.org"] {
            total.merge(redactor.redact(text).counts)
        }
        #expect(total[.email] == 3)
        #expect(total[.phone] == 1)
        #expect(total.total == 4)
    }

    @Test func kindsHaveNamesAndPlaceholders() {
        #expect(RedactionKind.apiKey.name == "api_key")
        #expect(RedactionKind.awsKey.placeholder == "<AWS_KEY>")
        #expect(RedactionKind.bearer.placeholder == "<TOKEN>")
        #expect(RedactionKind.custom("employee_id").placeholder == "<EMPLOYEE_ID>")
    }

    @Test func customPatternRedacts() throws {
        let redactor = try Redactor(customPatterns: [(name: "ticket", pattern: #"\bTCK-[0-9]{6}\b"#)])
        let (text, counts) = redactor.redact("See TCK-004211 and TCK-12 from jane@example.com")
        #expect(text == "See <TICKET> and TCK-12 from <EMAIL>")
        #expect(counts[.custom("ticket")] == 1)
        #expect(counts[.email] == 1)
    }

    @Test func customPatternCompetesWithBuiltIns() throws {
        // Starting first wins; at the same start, the longer match wins.
        let redactor = try Redactor(customPatterns: [
            (name: "employee", pattern: #"emp:[a-z.]+@example\.com"#), (name: "local", pattern: "jane"),
        ])
        #expect(redactor.redact("by emp:jane@example.com").text == "by <EMPLOYEE>")
        #expect(redactor.redact("to jane@example.com").text == "to <EMAIL>")
        #expect(redactor.redact("Kind regards, jane").text == "Kind regards, <LOCAL>")
    }

    @Test func customPatternsSeeMultibyteText() throws {
        let redactor = try Redactor(customPatterns: [(name: "city", pattern: "東京|Zürich")])
        let (text, counts) = redactor.redact("👋 東京 → Zürich, call +41 44 668 18 00 ✓")
        #expect(text == "👋 <CITY> → <CITY>, call <PHONE> ✓")
        #expect(counts[.custom("city")] == 2)
    }

    @Test func badPatternThrowsNamingIt() {
        do {
            _ = try Redactor(customPatterns: [(name: "ok", pattern: "a+"), (name: "broken", pattern: "[a-")])
            Issue.record("expected an error")
        } catch {
            guard case .invalidPattern(let name, let pattern, let reason) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(name == "broken")
            #expect(pattern == "[a-")
            #expect(reason.contains("expected"), "\(reason)")
            #expect(error.description.contains("[a-") && error.description.contains("broken"))
        }
    }

    @Test func badNameThrows() {
        #expect(throws: RedactionError.invalidName("two words")) {
            try Redactor(customPatterns: [(name: "two words", pattern: "x")])
        }
        #expect(throws: RedactionError.invalidName("")) { try Redactor(customPatterns: [(name: "", pattern: "x")]) }
    }

    @Test func onlyChosenKindsAreRedacted() throws {
        let redactor = try Redactor(kinds: [.email, .card])
        let (text, counts) = redactor.redact(
            "a@example.com, +44 20 7946 0958, 4111 1111 1111 1111, 10.0.0.1, sk-abcdefghijklmnopqrstuvwx")
        #expect(text == "<EMAIL>, +44 20 7946 0958, <CARD>, 10.0.0.1, sk-abcdefghijklmnopqrstuvwx")
        #expect(counts.total == 2)
        #expect(redactor.kinds == [.email, .card])
    }

    @Test func overlapsResolveToOneKind() {
        // A JWT's digits, an IBAN's digit groups and a key's letters are not counted as anything else.
        let cases: [(String, String, RedactionKind)] = [
            ("t=eyJhbGciOiJIUzI1NiJ9.eyJpZCI6MTIzNDU2Nzg5MDEyMzR9.4111111111111111", "t=<JWT>", .jwt),
            ("DE89 3704 0044 0532 0130 00", "<IBAN>", .iban),
            ("AKIA4111111111111111", "<AWS_KEY>", .awsKey),
            ("555-123-4567@vtext.com", "<EMAIL>", .email),
        ]
        for (input, expected, kind) in cases {
            let (text, counts) = redactor.redact(input)
            #expect(text == expected)
            #expect(counts[kind] == 1 && counts.total == 1, "\(input)")
        }
    }

    @Test func multibyteTextAroundMatchesSurvives() {
        let input = "Привет 👋🏽 jane@example.com 東京タワー 联系我li.wei@example.cn café +33 6 12 34 56 78 "
            + "naïve 🇩🇪 DE89370400440532013000 ✓"
        let (text, counts) = redactor.redact(input)
        #expect(text == "Привет 👋🏽 <EMAIL> 東京タワー 联系我<EMAIL> café <PHONE> naïve 🇩🇪 <IBAN> ✓")
        #expect(counts.total == 4)
    }

    @Test func matchesAtTheEdgesOfTheText() {
        #expect(redactor.redact("10.0.0.1").text == "<IP>")
        #expect(redactor.redact("a@b.io").text == "<EMAIL>")
        #expect(redactor.redact("Bearer abcdefgh12").text == "Bearer <TOKEN>")
        #expect(redactor.redact("").text == "")
    }

    @Test func largeRandomInputFinishes() {
        var generator = SplitMix(seed: 42)
        let pieces = [
            "a", "e", "s", "k", "-", " ", ".", ":", "@", "+", "(", ")", "0", "1", "4", "9", "A", "D", "E", "B", "ey",
            "J", "_", "/", "é", "東", "👋", "\n", "sk-", "AKIA", "Bearer ", "api_key=", "::", "192.168.", "x@y.com",
        ]
        var input = ""
        input.reserveCapacity(1_100_000)
        while input.utf8.count < 1_000_000 {
            input += pieces[Int(generator.next() % UInt64(pieces.count))]
        }
        let clock = ContinuousClock()
        let start = clock.now
        let (text, counts) = redactor.redact(input)
        #expect(clock.now - start < .seconds(20))
        #expect(counts.total > 100)
        #expect(text.utf8.count < input.utf8.count + counts.total * 9)
    }

    @Test(arguments: ["1 ", "1", "a", "1.", "1:", "sk-", "a@", "@a.", "DE89 ", "+1 "])
    func longRepetitionsFinish(_ unit: String) {
        let input = String(repeating: unit, count: 1_000_000 / unit.utf8.count)
        let clock = ContinuousClock()
        let start = clock.now
        _ = redactor.redact(input)
        #expect(clock.now - start < .seconds(20))
    }
}

/// A small seeded generator, so the random input is the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
