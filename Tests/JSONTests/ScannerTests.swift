// ScannerTests: JSONScanner accepts and rejects exactly what JSONParser does (same message, same offset), its
// views read the same values (strings unescaped on extraction, numbers converted alike, first of repeated keys),
// and hostile input — truncated, deeply nested, bad escapes, huge numbers, random mutations — never traps.

import JSON
import SliceWatchTesting
import Testing

/// What the scanner makes of `bytes`: the value its view materialises, or its error.
private func scanned(_ bytes: [UInt8], maxDepth: Int = 256) -> Result<JSONValue, JSONError> {
    var scanner = JSONScanner(maxDepth: maxDepth)
    do {
        return .success(try bytes.withUnsafeBufferPointer { p in try scanner.withDocument(p) { $0.value } })
    } catch let error as JSONError {
        return .failure(error)
    } catch {
        Issue.record("unexpected error \(error)")
        return .failure(JSONError("?", at: -1))
    }
}

/// What the parser makes of `bytes`.
private func parsed(_ bytes: [UInt8], maxDepth: Int = 256) -> Result<JSONValue, JSONError> {
    var parser = JSONParser()
    parser.maxDepth = maxDepth
    do { return .success(try parser.parse(bytes)) } catch let error as JSONError { return .failure(error) } catch {
        return .failure(JSONError("?", at: -1))
    }
}

private let agreementCases: [String] = [
    "", " ", "[", "[1,", "[1", "[1,]", "[,1]", "[1 2]", "[1}", "{", #"{"a""#, #"{"a"}"#, #"{"a":}"#, #"{"a":1"#,
    #"{"a":1,}"#, "{1:2}", #"{"a":1 "b":2}"#, "01", "-01", "1.", "1.e3", "1e", "1e+", "-", "- 1", "+1", ".5", "0x10",
    "1 2", "[1]]", "tru", "trux", "fals", "falsy", "nul", "nulL", #""abc"#, #""a\"#, #""\x""#, #""\u12""#,
    #""\u12G4""#, #""\uD800""#, #""\uD800\u""#, #""\uD800\uDC00""#, #""\uDC00\uD800""#, #""\uD83D\uDE00x""#,
    "\"a\u{1}b\"", "\"tab\there\"", #""\/\b\f\n\r\t\\\"""#, "[]", "{}", "[[]]", #"{"":""}"#, "  [ 1 , 2 ]  ",
    "-0", "0", "1e400", "-1e400", "1e-400", "123456789012345678901234567890", "0.1e-5", "9007199254740993",
    "1.7976931348623157e308", #"{"a":1,"a":2}"#, #"{"k\u0065y":3,"key":4}"#, "[true,false,null]", "\u{FEFF}1",
    #"{"a":{"b":[1,{"c":"d"}]},"e":[]}"#,
]

@Test(arguments: agreementCases)
func scannerAgreesWithParser(_ text: String) {
    let bytes = Array(text.utf8)
    let expected = parsed(bytes), got = scanned(bytes)
    switch (expected, got) {
    case (.success(let a), .success(let b)): #expect(a == b || (a.double?.isNaN == true && b.double?.isNaN == true))
    case (.failure(let a), .failure(let b)): #expect(a == b)
    default: Issue.record("parser \(expected), scanner \(got)")
    }
}

@Test func invalidUTF8InStringsIsRepairedAlike() {
    let cases: [[UInt8]] = [
        [0x22, 0xff, 0x22], [0x22, 0xe2, 0x82, 0x22], [0x22, 0xe2, 0x82, 0x5c, 0x6e, 0x22],
        [0x22, 0x5c, 0x75, 0x30, 0x30, 0x65, 0x39, 0xa9, 0x22], [0x22, 0xed, 0xa0, 0x80, 0x22],
    ]
    for bytes in cases {
        guard case .success(let a) = parsed(bytes), case .success(let b) = scanned(bytes) else {
            Issue.record("\(bytes) not accepted by both")
            continue
        }
        #expect(a == b)
    }
}

@Test func viewsReadWhatAdaptersAskFor() throws {
    let text = #"""
        {"id":"c1","model":"gpt-4o","choices":[{"index":1,"delta":{}},{"index":0,"delta":{"content":"h\u00e9\n",
        "tool_calls":[{"index":2,"function":{"name":"f","arguments":"{\"a\":"}}]},"finish_reason":null}],
        "usage":{"prompt_tokens":12,"completion_tokens":3.0,"total_tokens":1e2},"model":"second","ok":true}
        """#
    var scanner = JSONScanner()
    var bytes = Array(text.utf8)
    try bytes.withUnsafeMutableBufferPointer { p in
        try scanner.withDocument(UnsafeBufferPointer(p)) { root in
            #expect(root["model"]?.string == "gpt-4o")  // the first of repeated keys
            #expect(root["missing"] == nil && root[0] == nil && root["id"]?["x"] == nil)
            let choices = try #require(root["choices"]?.elements)
            #expect(choices.count == 2)
            let choice = try #require(choices.first { $0["index"]?.int == 0 })
            #expect(choice["delta"]?["content"]?.string == "hé\n")
            #expect(choice["finish_reason"]?.isNull == true)
            #expect(root["choices"]?[1]?["delta"]?["tool_calls"]?[0]?["function"]?["arguments"]?.string == #"{"a":"#)
            #expect(root["choices"]?[2] == nil && root["choices"]?[-1] == nil)
            #expect(root["usage"]?["prompt_tokens"]?.int == 12)
            #expect(root["usage"]?["completion_tokens"]?.int == 3)
            #expect(root["usage"]?["total_tokens"]?.double == 100)
            #expect(root["ok"]?.bool == true && root["ok"]?.string == nil)
            #expect(root["id"]?.isString("c1") == true && root["id"]?.isString("c") == false)
            #expect(root.isObject && root["usage"]?.members?.map(\.key) == ["prompt_tokens", "completion_tokens", "total_tokens"])
        }
    }
}

@Test func escapedKeysMatchTheirUnescapedText() throws {
    var scanner = JSONScanner()
    let bytes = Array(#"{"t\u0079pe":"a","type":"b","\"q":1}"#.utf8)
    try bytes.withUnsafeBufferPointer { p in
        try scanner.withDocument(p) { root in
            #expect(root["type"]?.string == "a")
            #expect(root["\"q"]?.int == 1)
        }
    }
}

@Test func deepNestingIsAnErrorNotACrash() {
    let deep = Array(repeating: UInt8(ascii: "["), count: 100_000) + Array(repeating: UInt8(ascii: "]"), count: 100_000)
    #expect(scanned(deep) == parsed(deep))
    guard case .failure(let error) = scanned(deep) else {
        Issue.record("accepted")
        return
    }
    #expect(error.message == "nesting deeper than 256" && error.offset == 256)
    let ok = Array(repeating: UInt8(ascii: "["), count: 256) + Array(repeating: UInt8(ascii: "]"), count: 256)
    guard case .success = scanned(ok) else {
        Issue.record("rejected 256 levels")
        return
    }
    #expect(scanned(Array("[[1]]".utf8), maxDepth: 1) == parsed(Array("[[1]]".utf8), maxDepth: 1))
}

@Test func hugeNumbersAndLongTextsAreLinear() throws {
    let digits = "1" + String(repeating: "7", count: 200_000) + ".5e-3"
    #expect(scanned(Array(digits.utf8)) == parsed(Array(digits.utf8)))
    let long = "[\"" + String(repeating: "ab\\n\\u00e9", count: 50_000) + "\"," + String(repeating: "0,", count: 50_000) + "1]"
    #expect(scanned(Array(long.utf8)) == parsed(Array(long.utf8)))
    let truncated = Array(long.utf8.prefix(long.utf8.count / 2))
    #expect(scanned(truncated) == parsed(truncated))
}

@Test func isValidMatchesParser() {
    var scanner = JSONScanner()
    for text in agreementCases {
        let accepted = (try? JSONParser().parse(text)) != nil
        #expect(scanner.isValid(text) == accepted, "\(text.debugDescription)")
    }
}

@Test func seededMutationsAgreeWithParser() {
    var rng = SplitMix64(seed: 0x5ca7_7e5)
    let alphabet = Array(#"{}[]:,"\/u0123456789abcdefABCDEF-+.eEtrunlfas "#.utf8)
        + [0x00, 0x0a, 0x1f, 0x7f, 0x80, 0xbf, 0xc3, 0xed, 0xf0, 0xff]
    let seeds = agreementCases.filter { (try? JSONParser().parse($0)) != nil } + [
        #"{"choices":[{"index":0,"delta":{"content":"x\"y\u00e9"},"finish_reason":null}],"usage":{"a":1.5e3}}"#,
        #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"hi \ud83d\ude00"}}"#,
    ]
    var scanner = JSONScanner(maxDepth: 4)
    for round in 0..<20_000 {
        var bytes = Array(seeds[round % seeds.count].utf8)
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
        let expected = parsed(bytes, maxDepth: 4)
        let got: Result<JSONValue, JSONError>
        do {
            got = .success(try bytes.withUnsafeBufferPointer { p in try scanner.withDocument(p) { $0.value } })
        } catch let error as JSONError {
            got = .failure(error)
        } catch {
            got = .failure(JSONError("?", at: -1))
        }
        switch (expected, got) {
        case (.success(let a), .success(let b)):
            #expect(a == b || "\(a)" == "\(b)", "\(String(decoding: bytes, as: UTF8.self))")  // NaN != NaN
        case (.failure(let a), .failure(let b)):
            #expect(a == b, "\(String(decoding: bytes, as: UTF8.self))")
        default:
            Issue.record("parser \(expected), scanner \(got) for \(String(decoding: bytes, as: UTF8.self))")
        }
    }
}

@Test func appendStringConcatenatesUnescapedText() throws {
    let text = #"{"a":"plain ","b":"tab\tquote\"é\u00e9 😀\ud83d\ude00","c":3,"d":["x"],"e":""}"#
    var scanner = JSONScanner()
    var bytes: [UInt8] = Array("start:".utf8)
    let results = try Array(text.utf8).withUnsafeBufferPointer { p in
        try scanner.withDocument(p) { root in
            ["a", "b", "c", "d", "e"].map { root[$0]!.appendString(to: &bytes) }
        }
    }
    #expect(results == [true, true, false, false, true])
    #expect(String(decoding: bytes, as: UTF8.self) == "start:plain tab\tquote\"éé 😀😀")
}

/// A scanner for similar documents (stream chunks) indexes each exactly as a fresh scan does: same values, same
/// errors, also when the changed string is invalid, grows, shrinks, gains escapes, or more than one place changed.
@Test func similarDocumentsAgreeWithFreshScans() {
    var rng = SplitMix64(seed: 0x51_7a11)
    let templates = [
        (#"{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1795466749,"choices":[{"index":0,"delta":{"content":""#,
         #""},"logprobs":null,"finish_reason":null}]}"#),
        (#"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":""#, #""}}"#),
        (#"{""#, #"":[1,{"k":"v"}],"z":2}"#),
    ]
    let pieces = [" word", "", "é", "\\\"", "\\n", "\\u00e9", "\\ud83d\\ude00", "\"", "\\", "\\x", "\u{1}", "a\"b", "日本"]
    var similar = JSONScanner(similarDocuments: true)
    var documents = 0
    for round in 0..<20_000 {
        let (head, tail) = templates[(round / 50) % templates.count]
        var text = ""
        for _ in 0..<(rng.next() % 4) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
        var bytes = Array((head + text + tail).utf8)
        if rng.next() % 10 == 0 {  // a second change elsewhere, or a cut
            let at = Int(rng.next() % UInt64(bytes.count))
            if rng.next() % 2 == 0 { bytes[at] = UInt8(ascii: "7") } else { bytes.removeSubrange(at...) }
        }
        if bytes.isEmpty { continue }
        documents += 1
        var fresh = JSONScanner()
        let expected: Result<JSONValue, JSONError>
        let got: Result<JSONValue, JSONError>
        do { expected = .success(try bytes.withUnsafeBufferPointer { p in try fresh.withDocument(p) { $0.value } }) }
        catch { expected = .failure(error as! JSONError) }
        do { got = .success(try bytes.withUnsafeBufferPointer { p in try similar.withDocument(p) { $0.value } }) }
        catch { got = .failure(error as! JSONError) }
        switch (expected, got) {
        case (.success(let a), .success(let b)): #expect(a == b, "\(String(decoding: bytes, as: UTF8.self))")
        case (.failure(let a), .failure(let b)): #expect(a == b, "\(String(decoding: bytes, as: UTF8.self))")
        default: Issue.record("fresh \(expected), similar \(got): \(String(decoding: bytes, as: UTF8.self))")
        }
    }
    // Many documents took the one-string path (the test would prove nothing otherwise). About half of them are
    // invalid here, and the document after an invalid one is scanned whole.
    #expect(similar.rescannedDocuments > documents / 5, "\(similar.rescannedDocuments) of \(documents)")
}
