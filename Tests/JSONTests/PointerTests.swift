// PointerTests: RFC 6901 JSON pointers — the RFC's own examples, ~0/~1 escapes, array indices (no leading zeros,
// signs or "-"), malformed pointers, and description round trips.

import JSON
import Testing

private let rfcDocument = #"""
    {"foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4, "i\\j": 5, "k\"l": 6, " ": 7, "m~n": 8}
    """#

@Test(arguments: [
    ("/foo", #"["bar","baz"]"#), ("/foo/0", #""bar""#), ("/foo/1", #""baz""#), ("/", "0"), ("/a~1b", "1"),
    ("/c%d", "2"), ("/e^f", "3"), ("/g|h", "4"), (#"/i\j"#, "5"), (#"/k"l"#, "6"), ("/ ", "7"), ("/m~0n", "8"),
])
func rfc6901Examples(_ pointer: String, _ expected: String) throws {
    let document = try JSONParser().parse(rfcDocument)
    #expect(document.value(at: try JSONPointer(pointer)) == (try JSONParser().parse(expected)))
}

@Test func emptyPointerIsTheWholeDocument() throws {
    let document = try JSONParser().parse(rfcDocument)
    #expect(try JSONPointer("").tokens.isEmpty)
    #expect(document.value(at: try JSONPointer("")) == document)
}

@Test(arguments: ["/foo/01", "/foo/00", "/foo/-1", "/foo/+1", "/foo/2", "/foo/-", "/foo/ 1", "/foo/1/x", "/nope",
    "/foo/0/0", "/A~1B"])
func missingStepsAreNil(_ pointer: String) throws {
    let document = try JSONParser().parse(rfcDocument)
    #expect(document.value(at: try JSONPointer(pointer)) == nil)
}

@Test(arguments: ["foo", "a/b", "/~2", "/a~", "/~a", "#/foo"])
func malformedPointersThrow(_ pointer: String) {
    #expect(throws: JSONError.self) { try JSONPointer(pointer) }
}

@Test func escapesDecodeLeftToRight() throws {
    #expect(try JSONPointer("/~01").tokens == ["~1"])  // ~0 first, then a plain "1"
    #expect(try JSONPointer("/~10").tokens == ["/0"])
    #expect(try JSONPointer("/a//b/").tokens == ["a", "", "b", ""])
}

@Test(arguments: ["", "/", "/a~1b/m~0n", "/choices/0/delta/content", "/~0~1/~1~0"])
func descriptionRoundTrips(_ text: String) throws {
    #expect(try JSONPointer(text).description == text)
}

@Test func pointsIntoAnSSEChunk() throws {
    let chunk = try JSONParser().parse(#"{"choices":[{"delta":{"content":"Hel"}},{"delta":{"content":"lo"}}]}"#)
    #expect(chunk.value(at: try JSONPointer("/choices/1/delta/content")) == .string("lo"))
    #expect(chunk.value(at: try JSONPointer("/choices/0/delta/content"))?.string == "Hel")
}
