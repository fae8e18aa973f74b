// ParserInvalidTests: malformed JSON texts fail with the expected message and byte offset (JSONTestSuite-style
// n_ cases), nesting is bounded by maxDepth without touching the call stack, and seeded random mutations of
// valid documents never trap.

import JSON
import SliceWatchTesting
import Testing

struct InvalidCase: CustomTestStringConvertible, Sendable {
    var text: String
    var offset: Int
    var message: String
    var testDescription: String { text.debugDescription }
    init(_ text: String, _ offset: Int, _ message: String) {
        self.text = text
        self.offset = offset
        self.message = message
    }
}

private let invalidCases: [InvalidCase] = [
    InvalidCase("", 0, "unexpected end of input"), InvalidCase("  \n", 3, "unexpected end of input"),
    InvalidCase("[", 1, "unexpected end of input"), InvalidCase("[1,", 3, "unexpected end of input"),
    InvalidCase("[1", 2, "unterminated array"), InvalidCase("[1,]", 3, "unexpected character ']'"),
    InvalidCase("[,1]", 1, "unexpected character ','"), InvalidCase("[1 2]", 3, "expected ',' or ']'"),
    InvalidCase("[1:2]", 2, "expected ',' or ']'"), InvalidCase("[1}", 2, "expected ',' or ']'"),
    InvalidCase("{", 1, "unterminated object"), InvalidCase(#"{"a""#, 4, "expected ':'"),
    InvalidCase(#"{"a"}"#, 4, "expected ':'"), InvalidCase(#"{"a" 1}"#, 5, "expected ':'"),
    InvalidCase(#"{"a":}"#, 5, "unexpected character '}'"), InvalidCase(#"{"a":1"#, 6, "unterminated object"),
    InvalidCase(#"{"a":1,"#, 7, "unterminated object"), InvalidCase(#"{"a":1,}"#, 7, "expected a string key"),
    InvalidCase("{1:2}", 1, "expected a string key"), InvalidCase("{'a':1}", 1, "expected a string key"),
    InvalidCase(#"{"a":1 "b":2}"#, 7, "expected ',' or '}'"), InvalidCase(#"{"a":1]"#, 6, "expected ',' or '}'"),
    InvalidCase("01", 1, "leading zeros are not allowed"), InvalidCase("-01", 2, "leading zeros are not allowed"),
    InvalidCase("[00]", 2, "leading zeros are not allowed"), InvalidCase("1.", 2, "expected a digit after '.'"),
    InvalidCase("1.e3", 2, "expected a digit after '.'"), InvalidCase("1e", 2, "expected a digit in the exponent"),
    InvalidCase("1e+", 3, "expected a digit in the exponent"), InvalidCase("1E-x", 3, "expected a digit in the"),
    InvalidCase("-", 1, "expected a digit"), InvalidCase("-a", 1, "expected a digit"),
    InvalidCase("- 1", 1, "expected a digit"), InvalidCase("+1", 0, "unexpected character '+'"),
    InvalidCase(".5", 0, "unexpected character '.'"), InvalidCase("0x10", 1, "unexpected character 'x' after"),
    InvalidCase("1 2", 2, "unexpected character '2' after the JSON value"), InvalidCase("[1]]", 3, "after the"),
    InvalidCase("{}x", 2, "after the JSON value"), InvalidCase("NaN", 0, "unexpected character 'N'"),
    InvalidCase("Infinity", 0, "unexpected character 'I'"), InvalidCase("-Infinity", 1, "expected a digit"),
    InvalidCase("tru", 0, "invalid literal (expected 'true')"), InvalidCase("trUe", 0, "invalid literal"),
    InvalidCase("nul", 0, "invalid literal (expected 'null')"), InvalidCase("fals", 0, "expected 'false'"),
    InvalidCase("falsy", 0, "expected 'false'"), InvalidCase("True", 0, "unexpected character 'T'"),
    InvalidCase("truex", 4, "after the JSON value"), InvalidCase("[nulll]", 5, "expected ',' or ']'"),
    InvalidCase("\"abc", 0, "unterminated string"), InvalidCase("[\"abc", 1, "unterminated string"),
    InvalidCase("\"0123456789abcdef", 0, "unterminated string"), InvalidCase("\"a\\", 0, "unterminated string"),
    InvalidCase("\"a\\n", 0, "unterminated string"), InvalidCase(#""\u00""#, 1, #"invalid \u escape"#),
    InvalidCase(#""\u00"#, 1, #"invalid \u escape"#), InvalidCase(#""\u12G4""#, 1, #"invalid \u escape"#),
    InvalidCase(#""ab\uD800\u12""#, 9, #"invalid \u escape"#), InvalidCase(#""\x""#, 1, #"invalid escape '\x'"#),
    InvalidCase(#""\'""#, 1, #"invalid escape '\''"#), InvalidCase("\"\\\u{1}\"", 1, "invalid escape byte 0x01"),
    InvalidCase("\"a\tb\"", 2, "unescaped control character 0x09 in string"),
    InvalidCase("\"a\nb\"", 2, "unescaped control character 0x0a"),
    InvalidCase("\"0123456789abcdef\u{1f}\"", 17, "unescaped control character 0x1f"),
    InvalidCase("\"\\n\u{0}\"", 3, "unescaped control character 0x00"),
    InvalidCase("\u{0}", 0, "unexpected character byte 0x00"), InvalidCase("\u{feff}1", 0, "byte 0xef"),
    InvalidCase("[1]\u{0}", 3, "byte 0x00 after"), InvalidCase("//c\n1", 0, "unexpected character '/'"),
]

@Test(arguments: invalidCases)
func rejectsInvalidDocument(_ c: InvalidCase) {
    do {
        let value = try JSONParser().parse(c.text)
        Issue.record("parsed to \(value)")
    } catch let error as JSONError {
        #expect(error.offset == c.offset, "\(error)")
        #expect(error.message.contains(c.message), "\(error)")
    } catch {
        Issue.record("unexpected error type \(error)")
    }
}

@Test func emptyBufferIsAnError() {
    let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    #expect(throws: JSONError("unexpected end of input", at: 0)) { try JSONParser().parse(empty) }
}

struct DepthCase: Sendable, CustomTestStringConvertible {
    var open: String
    var close: String
    var testDescription: String { open }
}

@Test(arguments: [DepthCase(open: "[", close: "]"), DepthCase(open: #"{"a":"#, close: "}")])
func nestingIsLimitedByMaxDepth(_ c: DepthCase) throws {
    func nested(_ n: Int) -> String { String(repeating: c.open, count: n) + "1" + String(repeating: c.close, count: n) }
    #expect(try JSONParser().parse(nested(256)) != .null)
    #expect(throws: JSONError("nesting deeper than 256", at: 256 * c.open.utf8.count)) {
        try JSONParser().parse(nested(257))
    }
    // 10,000 unclosed openers: the limit is hit long before the input ends, with no recursion.
    let deep = String(repeating: c.open, count: 10_000)
    #expect(throws: JSONError("nesting deeper than 256", at: 256 * c.open.utf8.count)) { try JSONParser().parse(deep) }
    var parser = JSONParser()
    parser.maxDepth = 3
    #expect(throws: JSONError("nesting deeper than 3", at: 3 * c.open.utf8.count)) { try parser.parse(nested(4)) }
    #expect(throws: JSONError("nesting deeper than 3", at: 3 * c.open.utf8.count)) {
        try parser.parse(String(repeating: c.open, count: 3) + (c.open == "[" ? "[]" : "{}"))
    }
    parser.maxDepth = 0
    #expect(try parser.parse("1") == .number(1))
    #expect(throws: JSONError("nesting deeper than 0", at: 0)) { try parser.parse(c.open == "[" ? "[]" : "{}") }
    // A huge limit is fine: the frame stack is sized by the input, not by maxDepth.
    parser.maxDepth = .max
    #expect(try parser.parse(nested(2000)) != .null)
    parser.maxDepth = -5
    #expect(throws: JSONError.self) { try parser.parse("[]") }
}

private let fuzzSeeds: [String] = [
    #"{"choices":[{"index":0,"delta":{"content":"Hi \"there\"\n\u00e9\ud83d\ude00"},"finish_reason":null}]}"#,
    #"[1,-2.5e10,0.001,true,false,null,"",[],{},{"a":[{"b":{"c":"d"}}]}]"#,
    #"{"model":"gpt-4o","messages":[{"role":"user","content":"über\\\/\b\f\r\t"}],"temperature":0.7}"#,
    "  [ 1 , { \"k\" : \"v\" } , \"0123456789abcdef0123456789\" ]  ",
]

@Test func seededMutationsNeverTrap() throws {
    var rng = SplitMix64(seed: 0x5eed_0f_1503)
    let alphabet = Array(#"{}[]:,"\/u0123456789abcdefABCDEF-+.eEtrunlfas "#.utf8)
        + [0x00, 0x0a, 0x1f, 0x7f, 0x80, 0xbf, 0xc3, 0xed, 0xf0, 0xff]
    var accepted = 0
    var parser = JSONParser()
    for round in 0..<30_000 {
        var bytes = Array(fuzzSeeds[round % fuzzSeeds.count].utf8)
        for _ in 0..<(1 + rng.next() % 4) {
            let at = Int(rng.next() % UInt64(bytes.count + 1))
            switch rng.next() % 6 {
            case 0 where at < bytes.count: bytes[at] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
            case 1: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: at)
            case 2 where at < bytes.count: bytes.remove(at: at)
            case 3: bytes.removeSubrange(at...)
            case 4 where at < bytes.count: bytes[at] ^= UInt8(1 << (rng.next() % 8))
            default: bytes.insert(contentsOf: bytes[at...].prefix(Int(rng.next() % 8)), at: at)
            }
            if bytes.isEmpty { break }
        }
        parser.maxDepth = Int(rng.next() % 6)
        do {
            let value = try parser.parse(bytes)
            accepted += 1
            // Whatever is accepted must survive a write/parse round trip.
            var writer = JSONWriter()
            writeValue(value, to: &writer)
            #expect(try JSONParser().parse(writer.bytes) == value, "\(String(decoding: bytes, as: UTF8.self))")
        } catch let error as JSONError {
            #expect(error.offset >= 0 && error.offset <= bytes.count, "\(error)")
        }
    }
    // Pure random bytes too.
    for _ in 0..<10_000 {
        let bytes = (0..<Int(rng.next() % 40)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
        if (try? JSONParser().parse(bytes)) != nil { accepted += 1 }
    }
    #expect(accepted > 1000)
}
