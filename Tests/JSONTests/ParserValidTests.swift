// ParserValidTests: valid JSON texts parse to the expected JSONValue — literals, numbers (fast path and strtod
// fallback), every string escape, surrogate pairs and lone surrogates, invalid UTF-8 repair, order and duplicates.

import JSON
import SliceWatchTesting
import Testing

struct ValidCase: CustomTestStringConvertible, Sendable {
    var text: String
    var expected: JSONValue
    var testDescription: String { text.count > 60 ? String(text.prefix(60)) + "…" : text }
    init(_ text: String, _ expected: JSONValue) {
        self.text = text
        self.expected = expected
    }
}

private let validCases: [ValidCase] = [
    ValidCase("null", .null), ValidCase("true", .bool(true)), ValidCase("false", .bool(false)),
    ValidCase(" \t\r\n 7 \n", .number(7)), ValidCase("0", .number(0)), ValidCase("-7", .number(-7)),
    ValidCase("1.5", .number(1.5)), ValidCase("-1.25e2", .number(-125)), ValidCase("1E+2", .number(100)),
    ValidCase("1e-2", .number(0.01)), ValidCase("0.1", .number(0.1)), ValidCase("0e0", .number(0)),
    ValidCase("3.141592653589793", .number(3.141592653589793)), ValidCase("1e22", .number(1e22)),
    ValidCase("1e23", .number(1e23)), ValidCase("2.2250738585072014e-308", .number(2.2250738585072014e-308)),
    ValidCase("9007199254740992", .number(9_007_199_254_740_992)),
    ValidCase("9007199254740993", .number(9_007_199_254_740_992)),  // rounds to even
    ValidCase("123456789012345678901234567890", .number(1.2345678901234568e29)),
    ValidCase("0.000000000000000000000000000001", .number(1e-30)),
    ValidCase("-9223372036854775808", .number(-9.223372036854775808e18)),
    ValidCase("1e400", .number(.infinity)), ValidCase("-1e400", .number(-.infinity)), ValidCase("1e-400", .number(0)),
    ValidCase(#""""#, .string("")), ValidCase(#""abc""#, .string("abc")),
    ValidCase(#""a\"b\\c\/d\b\f\n\r\t""#, .string("a\"b\\c/d\u{8}\u{c}\n\r\t")),
    ValidCase(#""\u0041\u00e9\u20AC\uFFFF""#, .string("Aé€\u{FFFF}")), ValidCase(#""\u0000""#, .string("\u{0}")),
    ValidCase(#""\uD83D\uDE00""#, .string("😀")), ValidCase(#""\ud83d\ude00x""#, .string("😀x")),
    ValidCase(#""\uD83D""#, .string("\u{FFFD}")), ValidCase(#""\uDE00""#, .string("\u{FFFD}")),
    ValidCase(#""\uD83Dx""#, .string("\u{FFFD}x")), ValidCase(#""\uD83D\u0041""#, .string("\u{FFFD}A")),
    ValidCase(#""\uD83D\uD83D\uDE00""#, .string("\u{FFFD}😀")),
    ValidCase(#""\uDE00\uD83D""#, .string("\u{FFFD}\u{FFFD}")),
    ValidCase(#""über 😀 ok""#, .string("über 😀 ok")), ValidCase("\"\u{7f}\"", .string("\u{7f}")),
    ValidCase(#""0123456789abcdefghij\n0123456789abcdefghij""#, .string("0123456789abcdefghij\n0123456789abcdefghij")),
    ValidCase(#""0123456789abcdefghijklmnopqrstuvwxyz""#, .string("0123456789abcdefghijklmnopqrstuvwxyz")),
    ValidCase("[]", .array([])), ValidCase("{}", .object(JSONObject())), ValidCase("[ ]", .array([])),
    ValidCase("{ \n }", .object(JSONObject())), ValidCase("[[]]", .array([.array([])])),
    ValidCase(
        "[1,[2,[3,{}]]]",
        .array([.number(1), .array([.number(2), .array([.number(3), .object(JSONObject())])])])),
    ValidCase(" [ 1 , \"a\" , null , true ] ", .array([.number(1), .string("a"), .null, .bool(true)])),
    ValidCase(
        #"{"b":1,"a":[true,null],"c":{}}"#,
        .object(JSONObject([("b", .number(1)), ("a", .array([.bool(true), .null])), ("c", .object(JSONObject()))]))),
    ValidCase(#"{"a":1,"a":2}"#, .object(JSONObject([("a", .number(1)), ("a", .number(2))]))),
    ValidCase(#"{"k\"e\u0079":"v"}"#, .object(JSONObject([("k\"ey", .string("v"))]))),
    ValidCase(
        #"{"choices":[{"delta":{"content":"hi"}}]}"#,
        .object(JSONObject([
            ("choices", .array([.object(JSONObject([("delta", .object(JSONObject([("content", .string("hi"))])))]))]))
        ]))),
]

@Test(arguments: validCases)
func parsesValidDocument(_ c: ValidCase) throws {
    let value = try JSONParser().parse(c.text)
    #expect(value == c.expected)
    #expect(try JSONParser().parse(Array(c.text.utf8)) == c.expected)
}

@Test func negativeZeroKeepsItsSign() throws {
    let d = try #require(try JSONParser().parse("-0").double)
    #expect(d == 0 && d.sign == .minus)
    let e = try #require(try JSONParser().parse("-0.0e5").double)
    #expect(e.sign == .minus)
}

@Test func duplicateKeysAreKeptAndLookupReturnsTheFirst() throws {
    let value = try JSONParser().parse(#"{"a":1,"b":2,"a":3}"#)
    let object = try #require(value.object)
    #expect(object.keys == ["a", "b", "a"])
    #expect(object.values == [.number(1), .number(2), .number(3)])
    #expect(value["a"] == .number(1))
}

struct UTF8Case: Sendable, CustomTestStringConvertible {
    var bytes: [UInt8]
    var expected: String
    var testDescription: String { bytes.map { String($0, radix: 16) }.joined(separator: " ") }
}

private func quoted(_ inner: [UInt8]) -> [UInt8] { [0x22] + inner + [0x22] }

@Test(arguments: [
    UTF8Case(bytes: quoted([0xff]), expected: "\u{FFFD}"),
    UTF8Case(bytes: quoted([0x61, 0xc3]), expected: "a\u{FFFD}"),  // truncated sequence
    UTF8Case(bytes: quoted([0xc3, 0xa9, 0x80, 0x62]), expected: "é\u{FFFD}b"),  // stray continuation
    UTF8Case(bytes: quoted([0xed, 0xa0, 0x80]), expected: "\u{FFFD}\u{FFFD}\u{FFFD}"),  // encoded surrogate
    UTF8Case(bytes: quoted([0xc0, 0xaf]), expected: "\u{FFFD}\u{FFFD}"),  // overlong
    UTF8Case(bytes: quoted([0xe2, 0x82] + Array(#"\n"#.utf8)), expected: "\u{FFFD}\n"),  // bad bytes, then escape
    UTF8Case(bytes: quoted(Array(#"\u00e9"#.utf8) + [0xa9]), expected: "é\u{FFFD}"),  // escape, then stray byte
])
func invalidUTF8InStringsIsReplaced(_ c: UTF8Case) throws {
    #expect(try JSONParser().parse(c.bytes) == .string(c.expected))
    #expect(try JSONParser().parse([0x5b] + c.bytes + [0x5d]) == .array([.string(c.expected)]))
}

@Test func everyBMPEscapeDecodes() throws {
    for v in stride(from: 0, through: 0xffff, by: 7) {
        let text = "\"\\u" + String(repeating: "0", count: 4 - String(v, radix: 16).count) + String(v, radix: 16) + "\""
        let expected = Unicode.Scalar(UInt32(v)).map { String(Character($0)) } ?? "\u{FFFD}"
        #expect(try JSONParser().parse(text) == .string(expected), "\(text)")
    }
}

@Test func integersParseAsTheNearestDouble() throws {
    var rng = SplitMix64(seed: 53)
    for _ in 0..<2000 {
        let v = Int64(bitPattern: rng.next()) >> Int64(rng.next() % 64)
        #expect(try JSONParser().parse(String(v)) == .number(Double(v)))
    }
}

