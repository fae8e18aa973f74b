// EvalSetReaderTests: eval sets as teams write them — string or chat inputs, optional grades and tags,
// other field names — and every bad line named by its number.

import Baseline
import Testing

private func read(_ text: String, fields: EvalSetFields = .init(), skip: Bool = false) throws -> ([EvalItem], [EvalSetError]) {
    try EvalSetReader(fields: fields, skipInvalid: skip).read(bytes: Array(text.utf8))
}

@Test func readsStringAndChatInputsWithGrades() throws {
    let (items, skipped) = try read(
        """
        {"id":"a","input":"book a table for two","score":0.8,"pass":true,"tags":{"intent":"book","n":3}}

        {"input":[{"role":"system","content":"be brief"},{"role":"user","content":"hi"},{"role":"assistant","content":"hello"},{"role":"user","content":[{"type":"text","text":"what is my balance"},{"type":"image_url"}]}],"output":"42"}
        {"id":7,"messages":[{"role":"user","content":"reset my password"}]}\r
        """)
    #expect(skipped.isEmpty)
    #expect(items.map(\.id) == ["a", "line-3", "7"])
    #expect(items[0].score == 0.8 && items[0].pass == true && items[0].tags == ["intent": "book", "n": "3"])
    #expect(items[1].input == "what is my balance\n[image_url]")
    #expect(items[1].turns == 3)
    #expect(items[1].output == "42")
    #expect(items[2].input == "reset my password")
    #expect(items.map(\.line) == [1, 3, 4])
}

@Test(arguments: [
    ("{\"input\":\"x\"}\nnot json\n", 2, "invalid JSON"),
    ("{\"text\":\"x\"}\n", 1, "missing field \"input\""),
    ("{\"input\":\"  \"}\n", 1, "field \"input\" is empty"),
    ("{\"input\":\"x\",\"score\":1.5}\n", 1, "field \"score\": expected a number in 0...1"),
    ("{\"input\":\"x\",\"pass\":\"yes\"}\n", 1, "field \"pass\": expected true or false"),
    ("{\"input\":\"x\",\"tags\":[1]}\n", 1, "field \"tags\": expected an object"),
    ("{\"id\":\"a\",\"input\":\"x\"}\n{\"id\":\"a\",\"input\":\"y\"}\n", 2, "duplicate id \"a\""),
    ("{\"input\":[{\"role\":\"assistant\",\"content\":\"x\"}]}\n", 1, "input: no user turn"),
    ("[1]\n", 1, "expected a JSON object"),
])
func badLinesStopTheReadWithTheirNumber(_ text: String, _ line: Int, _ message: String) throws {
    #expect {
        try read(text)
    } throws: { error in
        guard let e = error as? EvalSetError else { return false }
        return e.line == line && e.message.hasPrefix(message)
    }
}

@Test func skipInvalidCountsAndContinues() throws {
    let (items, skipped) = try read("{\"input\":\"a\"}\n{oops\n{\"input\":\"b\"}\n{}\n", skip: true)
    #expect(items.map(\.input) == ["a", "b"])
    #expect(skipped.map(\.line) == [2, 4])
}

@Test func fieldNamesAreConfigurable() throws {
    var fields = EvalSetFields()
    fields.input = "question"
    fields.pass = "correct"
    fields.tags = "meta"
    let (items, _) = try read(#"{"question":"where is my card","correct":false,"meta":{"domain":"banking"}}"#, fields: fields)
    #expect(items.first?.input == "where is my card")
    #expect(items.first?.pass == false)
    #expect(items.first?.tags["domain"] == "banking")
}
