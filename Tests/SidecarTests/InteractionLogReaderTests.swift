// InteractionLogReaderTests: a JSON-lines interaction log with good, blank and bad lines yields the good
// interactions, one problem per bad line (exact line number, message naming the field), and the counts;
// a missing file throws; CRLF endings work; interactions written with writeJSON read back equal.

import Exchange
import Foundation
import JSON
import Sidecar
import Testing
import Wire

@Suite struct InteractionLogReaderTests {
    /// Writes `text` to a fresh temporary file and returns its path.
    static func temporaryFile(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "slicewatch-log-\(UUID().uuidString).jsonl"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func read(_ path: String) throws -> ([Interaction], [InteractionLogProblem], (interactions: Int, problems: Int)) {
        var interactions: [Interaction] = []
        var problems: [InteractionLogProblem] = []
        let counts = try InteractionLogReader.read(
            path: path, emit: { interactions.append($0) }, problem: { problems.append($0) })
        return (interactions, problems, counts)
    }

    static let mixedLog = [
        #"{"id":"a","api":"openai.chat","input":"first","output":"one"}"#,  // 1
        "",  // 2
        "{this is not json",  // 3
        #"{"input":"second"}"#,  // 4
        #"{"id":"e","input":"fifth","status":"200"}"#,  // 5
        "   ",  // 6: whitespace only counts as blank
        #"{"id":"g","output":"no input"}"#,  // 7
        #"{"id":"h","input":"eighth","parameters":{"temperature":"hot"}}"#,  // 8
        #"{"id":"i","api":"cohere.chat","input":"ninth"}"#,  // 9
        #"[1,2]"#,  // 10
        "",  // 11
        #"{"id":"l","api":"anthropic.messages","input":"last","turns":2}"#,  // 12
    ]

    @Test func goodBlankAndBadLines() throws {
        let path = try Self.temporaryFile(Self.mixedLog.joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (interactions, problems, counts) = try Self.read(path)

        #expect(interactions.map(\.id) == ["a", "line-4", "l"])
        #expect(interactions.map(\.input) == ["first", "second", "last"])
        #expect(interactions.map(\.api) == [.openAIChat, .generic, .anthropicMessages])
        #expect(interactions[0].output == "one")
        #expect(interactions[1].conversation == [Turn(role: "user", text: "second")] && interactions[1].turns == 1)
        #expect(interactions[2].turns == 2)

        #expect(problems.map(\.line) == [3, 5, 7, 8, 9, 10])
        let messages = Dictionary(uniqueKeysWithValues: problems.map { ($0.line, $0.message) })
        #expect(messages[3]?.hasPrefix("invalid JSON: ") == true)
        #expect(messages[5] == #"field "status": expected an integer"#)
        #expect(messages[7] == #"missing field "input""#)
        #expect(messages[8] == #"field "parameters.temperature": expected a number"#)
        #expect(messages[9]?.hasPrefix(#"field "api": unknown API "cohere.chat""#) == true)
        #expect(messages[10] == "expected a JSON object")
        #expect(problems.first?.description.hasPrefix("line 3: invalid JSON") == true)

        #expect(counts.interactions == 3 && counts.problems == 6)
    }

    @Test func lastLineWithoutNewline() throws {
        let path = try Self.temporaryFile("\n" + #"{"input":"x"}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (interactions, problems, counts) = try Self.read(path)
        #expect(interactions.map(\.id) == ["line-2"])
        #expect(problems.isEmpty && counts.interactions == 1 && counts.problems == 0)
    }

    @Test func emptyFile() throws {
        let path = try Self.temporaryFile("")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (interactions, problems, counts) = try Self.read(path)
        #expect(interactions.isEmpty && problems.isEmpty && counts.interactions == 0 && counts.problems == 0)
    }

    @Test func missingFileThrows() {
        let path = NSTemporaryDirectory() + "slicewatch-no-such-\(UUID().uuidString).jsonl"
        #expect(throws: ConfigurationError.self) { _ = try Self.read(path) }
        do {
            _ = try Self.read(path)
        } catch {
            #expect("\(error)".hasPrefix(path + ": "))
        }
    }

    @Test func crlfLineEndings() throws {
        let lines = [#"{"id":"a","input":"one"}"#, "", #"{"id":"b","input":"two","output":"x"}"#, "nope"]
        let path = try Self.temporaryFile(lines.joined(separator: "\r\n") + "\r\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (interactions, problems, counts) = try Self.read(path)
        #expect(interactions.map(\.id) == ["a", "b"])
        #expect(interactions.map(\.input) == ["one", "two"])
        #expect(interactions[1].output == "x")
        #expect(problems.map(\.line) == [4])
        #expect(counts.interactions == 2 && counts.problems == 1)
    }

    static func sample() -> [Interaction] {
        var full = Interaction(id: "1763915000123456-3-0", api: .openAIChat)
        full.connection = ConnectionInfo(id: 3, client: "10.0.0.1:40000", server: "10.0.0.2:443")
        full.method = "POST"
        full.path = "/v1/chat/completions"
        full.host = "api.openai.com"
        full.requestStart = Timestamp(seconds: 1_763_915_000, microseconds: 123_456)
        full.requestEnd = Timestamp(seconds: 1_763_915_000, microseconds: 200_000)
        full.responseStart = Timestamp(seconds: 1_763_915_000, microseconds: 700_000)
        full.responseEnd = Timestamp(seconds: 1_763_915_002, microseconds: 0)
        full.model = "gpt-4o-mini"
        full.input = "What is \"2+2\"?\nAnswer → briefly."
        full.conversation = [Turn(role: "system", text: "Be brief."), Turn(role: "user", text: full.input)]
        full.turns = 1
        full.systemPromptHash = "0123456789abcdef"
        full.parameters.temperature = 0.25
        full.parameters.topP = 0.5
        full.parameters.maxTokens = 64
        full.parameters.responseFormat = "json_object"
        full.toolsOffered = ["calc", "search"]
        full.toolCalls = [ToolCall(name: "calc", argumentsValid: true), ToolCall(name: "search", argumentsValid: false)]
        full.output = "4"
        full.finishReason = "stop"
        full.refusal = "none"
        full.status = 429
        full.error = APIError(type: "rate_limit", message: "slow down")
        full.usage = TokenUsage(input: 12, output: 1, total: 13)
        full.stream = true
        full.timeToFirstByte = 0.5
        full.timeToFirstToken = 0.625
        full.latency = 1.876544
        full.flags = [.incomplete, .gap, .parseError, .apiError, .truncated, .noResponse]

        var minimal = Interaction(id: "m", api: .generic)
        minimal.input = "hello"
        minimal.conversation = [Turn(role: "user", text: "hello")]
        minimal.turns = 1
        return [full, minimal]
    }

    @Test func roundTrip() throws {
        let originals = Self.sample()
        var w = JSONWriter()
        for i in originals {
            i.writeJSON(into: &w)
            w.newline()
        }
        let path = NSTemporaryDirectory() + "slicewatch-roundtrip-\(UUID().uuidString).jsonl"
        try Data(w.bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (interactions, problems, counts) = try Self.read(path)
        #expect(problems.isEmpty)
        #expect(counts.interactions == 2 && counts.problems == 0)
        #expect(interactions == originals)
        if interactions.count == 2 {
            #expect(interactions[0].requestStart == originals[0].requestStart)
            #expect(interactions[0].latency == originals[0].latency)
        }
    }

    @Test func aByteOrderMarkBeforeTheFirstLineIsSkipped() throws {
        let path = try Self.temporaryFile("\u{FEFF}" + #"{"id":"bom","input":"hello"}"# + "\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (interactions, problems, _) = try Self.read(path)
        #expect(interactions.map(\.id) == ["bom"])
        #expect(problems.isEmpty)
    }
}
