// EvalSetReader: reads an eval set (JSONL, one item per line) into EvalItems. Field names are
// configurable; a bad line stops the read with its line number and reason unless invalid lines are
// skipped, in which case they are counted and reported.

import Foundation
import JSON

/// The eval-set field names (configurable for teams whose files use other names).
public struct EvalSetFields: Sendable, Hashable {
    public var id = "id"
    public var input = "input"
    public var messages = "messages"
    public var score = "score"
    public var pass = "pass"
    public var tags = "tags"
    public var output = "output"

    public init() {}
}

/// A line of the eval set that cannot be used.
public struct EvalSetError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "line \(line): \(message)" : message }
}

/// Reads eval sets.
public struct EvalSetReader: Sendable {
    public var fields = EvalSetFields()
    /// Skip (and count) bad lines instead of stopping at the first one.
    public var skipInvalid = false

    public init(fields: EvalSetFields = EvalSetFields(), skipInvalid: Bool = false) {
        self.fields = fields
        self.skipInvalid = skipInvalid
    }

    /// The items of the file at `path`, and the problems skipped (empty unless `skipInvalid`).
    public func read(path: String) throws -> (items: [EvalItem], skipped: [EvalSetError]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EvalSetError(line: 0, message: "\(path): cannot read the file")
        }
        return try read(bytes: [UInt8](data))
    }

    /// The items of an eval set held in memory.
    public func read(bytes: [UInt8]) throws -> (items: [EvalItem], skipped: [EvalSetError]) {
        var items: [EvalItem] = []
        var skipped: [EvalSetError] = []
        var ids: Set<String> = []
        let parser = JSONParser()
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0a { end += 1 }
            lineNumber += 1
            var slice = bytes[start..<end]
            start = end + 1
            if lineNumber == 1 && slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
            while let last = slice.last, last == 0x0d || last == 0x20 || last == 0x09 { slice = slice.dropLast() }
            while let first = slice.first, first == 0x20 || first == 0x09 { slice = slice.dropFirst() }
            if slice.isEmpty { continue }
            do {
                let value: JSONValue
                do {
                    value = try slice.withUnsafeBufferPointer { try parser.parse($0) }
                } catch let e as JSONError {
                    throw EvalSetError(line: lineNumber, message: "invalid JSON: \(e)")
                }
                var item = try self.item(value, line: lineNumber)
                if ids.contains(item.id) {
                    throw EvalSetError(line: lineNumber, message: "duplicate id \"\(item.id)\"")
                }
                ids.insert(item.id)
                item.line = lineNumber
                items.append(item)
            } catch let e as EvalSetError {
                guard skipInvalid else { throw e }
                skipped.append(e)
            }
        }
        return (items, skipped)
    }

    /// One item from a parsed line.
    func item(_ value: JSONValue, line: Int) throws(EvalSetError) -> EvalItem {
        func fail(_ message: String) -> EvalSetError { EvalSetError(line: line, message: message) }
        guard let o = value.object else { throw fail("expected a JSON object") }
        let input: String
        var turns = 1
        if let raw = o[fields.input], !raw.isNull {
            if let s = raw.string {
                input = s
            } else if let messages = raw.array {
                (input, turns) = try Self.lastUserTurn(messages, field: fields.input, fail: fail)
            } else {
                throw fail("field \"\(fields.input)\": expected a string or a messages array")
            }
        } else if let messages = o[fields.messages]?.array {
            (input, turns) = try Self.lastUserTurn(messages, field: fields.messages, fail: fail)
        } else {
            throw fail("missing field \"\(fields.input)\" (a string, or a chat \"\(fields.messages)\" array)")
        }
        guard !input.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw fail("field \"\(fields.input)\" is empty")
        }
        var item = EvalItem(id: "line-\(line)", input: input, turns: turns, line: line)
        if let id = o[fields.id], !id.isNull {
            if let s = id.string {
                item.id = s
            } else if let n = id.int {
                item.id = String(n)
            } else {
                throw fail("field \"\(fields.id)\": expected a string or an integer")
            }
        }
        if let score = o[fields.score], !score.isNull {
            guard let d = score.double, d >= 0, d <= 1 else { throw fail("field \"\(fields.score)\": expected a number in 0...1") }
            item.score = d
        }
        if let pass = o[fields.pass], !pass.isNull {
            guard let b = pass.bool else { throw fail("field \"\(fields.pass)\": expected true or false") }
            item.pass = b
        }
        if let tags = o[fields.tags], !tags.isNull {
            guard let t = tags.object else { throw fail("field \"\(fields.tags)\": expected an object") }
            for (key, value) in t {
                switch value {
                case .string(let s): item.tags[key] = s
                case .number, .bool: item.tags[key] = value.int.map(String.init) ?? value.bool.map(String.init) ?? "\(value.double ?? 0)"
                case .null: continue
                default: throw fail("field \"\(fields.tags).\(key)\": expected a string, number or boolean")
                }
            }
        }
        if let output = o[fields.output], !output.isNull {
            guard let s = output.string else { throw fail("field \"\(fields.output)\": expected a string") }
            item.output = s
        }
        return item
    }

    /// The last user turn's text of a chat messages array, and the number of user/assistant turns.
    static func lastUserTurn(
        _ messages: [JSONValue], field: String, fail: (String) -> EvalSetError
    ) throws(EvalSetError) -> (String, Int) {
        var last: String?
        var turns = 0
        for (i, m) in messages.enumerated() {
            guard let role = m["role"]?.string else { throw fail("\(field)[\(i)]: expected an object with a \"role\"") }
            if role == "user" || role == "assistant" { turns += 1 }
            guard role == "user" else { continue }
            switch m["content"] {
            case .string(let s)?:
                last = s
            case .array(let parts)?:
                last = parts.map { part in part["text"]?.string ?? "[\(part["type"]?.string ?? "part")]" }
                    .joined(separator: "\n")
            default:
                throw fail("\(field)[\(i)].content: expected a string or an array of parts")
            }
        }
        guard let text = last else { throw fail("\(field): no user turn") }
        return (text, turns)
    }
}
