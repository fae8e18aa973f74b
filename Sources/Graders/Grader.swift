// Grader: an external judge of one interaction — the settings of an `exec` grader (a command that reads the
// interaction JSON on stdin and prints {"score": 0..1, "reason": "..."}) or an `http` grader (the same JSON
// POSTed to a service, e.g. an LLM judge, answering the same object) — and the parsing of their answers.

import Exchange
import Foundation
import JSON
import Quality

/// How one grader is reached.
public enum GraderKind: Sendable, Hashable {
    /// argv (no shell); argv[0] is searched in PATH.
    case exec(command: [String])
    /// POST to this URL with these extra headers.
    case http(url: String, headers: [String: String])
}

/// One configured grader.
public struct GraderSettings: Sendable, Hashable {
    /// Recorded with every score, with `version`.
    public var name: String
    public var version: String?
    public var kind: GraderKind
    /// Seconds one grading may take.
    public var timeout = 30.0
    /// Gradings of this grader running at once.
    public var concurrency = 2
    /// Most gradings started per hour (nil: no limit).
    public var hourlyBudget: Int?

    public init(name: String, version: String? = nil, kind: GraderKind) {
        self.name = name
        self.version = version
        self.kind = kind
    }
}

/// A grader's answer that could not be used.
public struct GraderError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

enum GraderAnswer {
    /// Reads {"score": number in 0...1, "reason": string?} (other fields ignored).
    static func parse(_ bytes: [UInt8], grader: GraderSettings) throws(GraderError) -> GraderScore {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw GraderError("\(grader.name): printed nothing (want {\"score\": 0..1})") }
        let value: JSONValue
        do { value = try JSONParser().parse(text) } catch {
            throw GraderError("\(grader.name): answer is not JSON (\(error)): \(text.prefix(120))")
        }
        guard let object = value.object else { throw GraderError("\(grader.name): answer is not a JSON object: \(text.prefix(120))") }
        guard let score = object["score"]?.double ?? object["score"]?.bool.map({ $0 ? 1 : 0 }) else {
            throw GraderError("\(grader.name): answer has no numeric \"score\": \(text.prefix(120))")
        }
        guard score.isFinite, (0...1).contains(score) else {
            throw GraderError("\(grader.name): score \(score) is outside 0...1")
        }
        return GraderScore(grader: grader.name, version: grader.version, score: score, reason: object["reason"]?.string)
    }

    /// The interaction as graders receive it: the interaction JSON schema, secrets removed.
    static func body(_ interaction: Interaction) -> [UInt8] {
        var w = JSONWriter(reserving: 4096)
        interaction.scrubbed().writeJSON(into: &w)
        return w.bytes
    }
}
