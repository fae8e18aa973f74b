// WriterTests: JSONWriter output — string escaping, nesting and commas, integers, literals, newline-separated
// documents — and the round-trip property: random JSONValue -> JSONWriter text -> JSONParser -> the same value.

import JSON
import SliceWatchTesting
import Testing

private func text(_ write: (inout JSONWriter) -> Void) -> String {
    var writer = JSONWriter(reserving: 1)
    write(&writer)
    return String(decoding: writer.bytes, as: UTF8.self)
}

/// Test-only serializer of a JSONValue through JSONWriter's public API.
func writeValue(_ value: JSONValue, to writer: inout JSONWriter) {
    switch value {
    case .null: writer.null()
    case .bool(let b): writer.bool(b)
    case .number(let d):
        if d.isFinite, d == d.rounded(), abs(d) < 1e18 {
            writer.int(Int64(d))
        } else {
            // Swift's shortest round-trip form; the parser reads out-of-range numbers as ±infinity.
            writer.raw(Array((d.isFinite ? "\(d)" : d > 0 ? "1e999" : "-1e999").utf8))
        }
    case .string(let s): writer.string(s)
    case .array(let a):
        writer.beginArray()
        for element in a { writeValue(element, to: &writer) }
        writer.endArray()
    case .object(let o):
        writer.beginObject()
        for (k, v) in o {
            writer.key(k)
            writeValue(v, to: &writer)
        }
        writer.endObject()
    }
}

@Test(arguments: [
    ("plain", #""plain""#), ("", #""""#), ("a\"b", #""a\"b""#), ("a\\b", #""a\\b""#), ("/", #""/""#),
    ("\n\r\t", #""\n\r\t""#), ("\u{0}\u{1}\u{8}\u{c}\u{1f}", #""\u0000\u0001\u0008\u000c\u001f""#),
    ("\u{7f}", #""\u007f""#), ("é€😀", "\"é€😀\""), ("\u{2028}", "\"\u{2028}\""),
])
func escapesStrings(_ input: String, _ expected: String) throws {
    #expect(text { $0.string(input) } == expected)
    #expect(text { $0.string(utf8: Array(input.utf8)) } == expected)
    #expect(text { $0.string(utf8: input.utf8) } == expected)
    #expect(try JSONParser().parse(expected) == .string(input))
}

@Test func nestsWithCommas() {
    let out = text { w in
        w.beginObject()
        w.field("a", 1)
        w.key("b")
        w.beginArray()
        w.int(1)
        w.int(-2)
        w.string("x")
        w.beginArray()
        w.endArray()
        w.beginObject()
        w.endObject()
        w.null()
        w.endArray()
        w.key("c")
        w.beginObject()
        w.field("d", true)
        w.field("e", "f")
        w.endObject()
        w.field("g", false)
        w.endObject()
    }
    #expect(out == #"{"a":1,"b":[1,-2,"x",[],{},null],"c":{"d":true,"e":"f"},"g":false}"#)
}

@Test(arguments: [
    (Int64(0), "0"), (1, "1"), (-1, "-1"), (9, "9"), (10, "10"), (-10, "-10"), (1_234_567_890, "1234567890"),
    (Int64.max, "9223372036854775807"), (Int64.min, "-9223372036854775808"), (Int64.min + 1, "-9223372036854775807"),
])
func writesIntegers(_ value: Int64, _ expected: String) {
    #expect(text { $0.int(value) } == expected)
}

@Test func writesOtherIntegerTypes() {
    #expect(text { $0.int(UInt64.max) } == "18446744073709551615")
    #expect(text { $0.int(Int8.min) } == "-128")
    #expect(text { $0.int(UInt8(255)) } == "255")
}

@Test func writesDoublesAndLiterals() {
    #expect(text { $0.double(1.5) } == "1.500000")
    #expect(text { $0.double(-0.25, decimals: 2) } == "-0.25")
    #expect(text { $0.double(.nan) } == "null")
    #expect(text { $0.double(.infinity) } == "null")
    #expect(text { $0.bool(true) } == "true")
    #expect(text { $0.null() } == "null")
    #expect(text { $0.raw(Array(#"{"x":[1]}"#.utf8)) } == #"{"x":[1]}"#)
}

@Test func newlineResetsTopLevelCommas() {
    let out = text { w in
        w.int(1)
        w.int(2)
        w.newline()
        w.beginObject()
        w.field("a", 1)
        w.endObject()
        w.newline()
        w.beginArray()
        w.endArray()
        w.newline()
    }
    #expect(out == "1,2\n{\"a\":1}\n[]\n")
}

@Test func resetStartsOver() {
    var writer = JSONWriter()
    writer.beginArray()
    writer.int(1)
    writer.reset()
    writer.string("x")
    #expect(writer.count == 3)
    #expect(writer.withBytes { Array($0) } == Array(#""x""#.utf8))
}

@Test func growsPastItsInitialCapacity() throws {
    var writer = JSONWriter(reserving: 8)
    writer.beginArray()
    for i in 0..<5000 { writer.string(String(repeating: "é\"", count: i % 7)) }
    writer.endArray()
    let value = try JSONParser().parse(writer.bytes)
    #expect(value.array?.count == 5000)
    #expect(value[6] == .string(String(repeating: "é\"", count: 6)))
}

// MARK: round-trip property

private let stringPieces = ["", "a", "key", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1f}", "\u{7f}", "é", "€",
    "😀", "\u{2028}", "\u{FFFD}", "0123456789abcdef", "Hello, world"]

private func randomString(_ rng: inout SplitMix64) -> String {
    (0..<Int(rng.next() % 5)).map { _ in stringPieces[Int(rng.next() % UInt64(stringPieces.count))] }.joined()
}

private func randomNumber(_ rng: inout SplitMix64) -> Double {
    switch rng.next() % 5 {
    case 0: return Double(Int64(bitPattern: rng.next()) >> Int64(rng.next() % 64))
    case 1: return Double(Int(rng.next() % 2001) - 1000) / 8
    case 2: return Double(Int64(bitPattern: rng.next()) >> 11) * 1e-9
    case 3:
        let d = Double(bitPattern: rng.next())
        return d.isFinite ? d : 0
    default: return Double(rng.next() % 10)
    }
}

private func randomValue(_ rng: inout SplitMix64, depth: Int) -> JSONValue {
    switch rng.next() % (depth > 4 ? 4 : 6) {
    case 0: return .null
    case 1: return .bool(rng.next() % 2 == 0)
    case 2: return .number(randomNumber(&rng))
    case 3: return .string(randomString(&rng))
    case 4: return .array((0..<Int(rng.next() % 5)).map { _ in randomValue(&rng, depth: depth + 1) })
    default:
        return .object(JSONObject((0..<Int(rng.next() % 5)).map { _ in
            (randomString(&rng), randomValue(&rng, depth: depth + 1))
        }))
    }
}

@Test func randomValuesRoundTripThroughWriterAndParser() throws {
    var rng = SplitMix64(seed: 0x00c0_ffee)
    for _ in 0..<3000 {
        let value = randomValue(&rng, depth: 0)
        var writer = JSONWriter(reserving: 16)
        writeValue(value, to: &writer)
        let parsed = try JSONParser().parse(writer.bytes)
        #expect(parsed == value, "\(String(decoding: writer.bytes, as: UTF8.self))")
    }
}

@Test func newlineSeparatedDocumentsParseOneByOne() throws {
    var rng = SplitMix64(seed: 7)
    let values = (0..<50).map { _ in randomValue(&rng, depth: 2) }
    var writer = JSONWriter()
    for v in values {
        writeValue(v, to: &writer)
        writer.newline()
    }
    let lines = writer.bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
    #expect(lines.count == values.count)
    for (line, v) in zip(lines, values) { #expect(try JSONParser().parse(Array(line)) == v) }
}
