// Interaction+JSON: the interaction JSON-lines schema — written by `slicewatch interactions`, read back
// by `--from-jsonl` so teams with request logs can skip capture. Absent optional fields are omitted on
// output and optional on input; a field of the wrong type is an error naming the field.

import JSON
import Wire

extension Interaction {
    /// Writes the interaction as one JSON object (no trailing newline).
    public func writeJSON(into w: inout JSONWriter) {
        w.beginObject()
        w.field("id", id)
        w.field("api", api.rawValue)
        if let connection {
            w.key("connection")
            w.beginObject()
            w.field("id", connection.id)
            w.field("client", connection.client)
            w.field("server", connection.server)
            w.endObject()
        }
        if let method { w.field("method", method) }
        if let path { w.field("path", path) }
        if let host { w.field("host", host) }
        for (name, t) in [
            ("request_start", requestStart), ("request_end", requestEnd), ("response_start", responseStart),
            ("response_end", responseEnd),
        ] {
            if let t {
                w.key(name)
                w.timestamp(t)
            }
        }
        if let model { w.field("model", model) }
        w.field("input", input)
        w.key("conversation")
        w.beginArray()
        for turn in conversation {
            w.beginObject()
            w.field("role", turn.role)
            w.field("text", turn.text)
            w.endObject()
        }
        w.endArray()
        w.field("turns", turns)
        if let systemPromptHash { w.field("system_prompt_hash", systemPromptHash) }
        w.key("parameters")
        w.beginObject()
        if let v = parameters.temperature { w.key("temperature"); w.double(v, decimals: 4) }
        if let v = parameters.topP { w.key("top_p"); w.double(v, decimals: 4) }
        if let v = parameters.maxTokens { w.field("max_tokens", v) }
        if let v = parameters.responseFormat { w.field("response_format", v) }
        w.endObject()
        w.key("tools_offered")
        w.beginArray()
        for name in toolsOffered { w.string(name) }
        w.endArray()
        w.key("tool_calls")
        w.beginArray()
        for call in toolCalls {
            w.beginObject()
            w.field("name", call.name)
            w.field("arguments_valid", call.argumentsValid)
            w.endObject()
        }
        w.endArray()
        w.field("output", output)
        if let finishReason { w.field("finish_reason", finishReason) }
        if let refusal { w.field("refusal", refusal) }
        if let status { w.field("status", status) }
        if let error {
            w.key("error")
            w.beginObject()
            if let t = error.type { w.field("type", t) }
            if let m = error.message { w.field("message", m) }
            w.endObject()
        }
        if let usage {
            w.key("usage")
            w.beginObject()
            if let v = usage.input { w.field("input", v) }
            if let v = usage.output { w.field("output", v) }
            if let v = usage.total { w.field("total", v) }
            w.endObject()
        }
        w.field("stream", stream)
        if let v = timeToFirstByte { w.key("time_to_first_byte"); w.double(v, decimals: 6) }
        if let v = timeToFirstToken { w.key("time_to_first_token"); w.double(v, decimals: 6) }
        if let v = latency { w.key("latency"); w.double(v, decimals: 6) }
        w.key("flags")
        w.beginArray()
        for (flag, name) in InteractionFlags.names where flags.contains(flag) { w.string(name) }
        w.endArray()
        w.endObject()
    }

    /// Reads an interaction from a parsed JSON object in this schema. `input` is required; every other
    /// field is optional. Throws ConfigurationError-style messages naming the field.
    public init(json: JSONValue, defaultID: String) throws(InteractionDecodingError) {
        guard let o = json.object else { throw InteractionDecodingError("expected a JSON object") }
        var r = FieldReader(o)
        guard let input = try r.string("input") else { throw InteractionDecodingError("missing field \"input\"") }
        let apiName = try r.string("api") ?? APIKind.generic.rawValue
        guard let api = APIKind(rawValue: apiName) else {
            let allowed = APIKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw InteractionDecodingError("field \"api\": unknown API \"\(apiName)\"; allowed: \(allowed)")
        }
        self.init(id: try r.string("id") ?? defaultID, api: api)
        self.input = input
        if let c = try r.object("connection") {
            var cr = FieldReader(c, prefix: "connection.")
            connection = ConnectionInfo(
                id: UInt64(max(0, try cr.int("id") ?? 0)), client: try cr.string("client") ?? "",
                server: try cr.string("server") ?? "")
        }
        method = try r.string("method")
        path = try r.string("path")
        host = try r.string("host")
        requestStart = try r.timestamp("request_start")
        requestEnd = try r.timestamp("request_end")
        responseStart = try r.timestamp("response_start")
        responseEnd = try r.timestamp("response_end")
        model = try r.string("model")
        for (i, item) in (try r.array("conversation") ?? []).enumerated() {
            guard let t = item.object else { throw InteractionDecodingError("conversation[\(i)]: expected an object") }
            var tr = FieldReader(t, prefix: "conversation[\(i)].")
            conversation.append(Turn(role: try tr.string("role") ?? "user", text: try tr.string("text") ?? ""))
        }
        if conversation.isEmpty { conversation = [Turn(role: "user", text: input)] }
        turns = try r.int("turns") ?? conversation.filter { $0.role != "system" }.count
        systemPromptHash = try r.string("system_prompt_hash")
        if let p = try r.object("parameters") {
            var pr = FieldReader(p, prefix: "parameters.")
            parameters.temperature = try pr.double("temperature")
            parameters.topP = try pr.double("top_p")
            parameters.maxTokens = try pr.int("max_tokens")
            parameters.responseFormat = try pr.string("response_format")
        }
        for (i, item) in (try r.array("tools_offered") ?? []).enumerated() {
            guard let name = item.string else { throw InteractionDecodingError("tools_offered[\(i)]: expected a string") }
            toolsOffered.append(name)
        }
        for (i, item) in (try r.array("tool_calls") ?? []).enumerated() {
            guard let c = item.object else { throw InteractionDecodingError("tool_calls[\(i)]: expected an object") }
            var cr = FieldReader(c, prefix: "tool_calls[\(i)].")
            toolCalls.append(
                ToolCall(name: try cr.string("name") ?? "", argumentsValid: try cr.bool("arguments_valid") ?? true))
        }
        output = try r.string("output") ?? ""
        finishReason = try r.string("finish_reason")
        refusal = try r.string("refusal")
        status = try r.int("status")
        if let e = try r.object("error") {
            var er = FieldReader(e, prefix: "error.")
            error = APIError(type: try er.string("type"), message: try er.string("message"))
        }
        if let u = try r.object("usage") {
            var ur = FieldReader(u, prefix: "usage.")
            usage = TokenUsage(input: try ur.int("input"), output: try ur.int("output"), total: try ur.int("total"))
        }
        stream = try r.bool("stream") ?? false
        timeToFirstByte = try r.double("time_to_first_byte")
        timeToFirstToken = try r.double("time_to_first_token")
        latency = try r.double("latency")
        for (i, item) in (try r.array("flags") ?? []).enumerated() {
            guard let name = item.string, let flag = InteractionFlags.names.first(where: { $0.1 == name })?.0 else {
                let allowed = InteractionFlags.names.map(\.1).joined(separator: ", ")
                throw InteractionDecodingError("flags[\(i)]: unknown flag; allowed: \(allowed)")
            }
            flags.insert(flag)
        }
    }
}

/// Why a logged interaction could not be read.
public struct InteractionDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Typed, optional field access that names the field in its errors.
private struct FieldReader {
    let object: JSONObject
    let prefix: String

    init(_ object: JSONObject, prefix: String = "") {
        self.object = object
        self.prefix = prefix
    }

    private func value(_ key: String) -> JSONValue? {
        guard let v = object[key], !v.isNull else { return nil }
        return v
    }

    private func wrong(_ key: String, _ expected: String) -> InteractionDecodingError {
        InteractionDecodingError("field \"\(prefix)\(key)\": expected \(expected)")
    }

    mutating func string(_ key: String) throws(InteractionDecodingError) -> String? {
        guard let v = value(key) else { return nil }
        guard let s = v.string else { throw wrong(key, "a string") }
        return s
    }

    mutating func int(_ key: String) throws(InteractionDecodingError) -> Int? {
        guard let v = value(key) else { return nil }
        guard let i = v.int else { throw wrong(key, "an integer") }
        return i
    }

    mutating func double(_ key: String) throws(InteractionDecodingError) -> Double? {
        guard let v = value(key) else { return nil }
        guard let d = v.double else { throw wrong(key, "a number") }
        return d
    }

    mutating func bool(_ key: String) throws(InteractionDecodingError) -> Bool? {
        guard let v = value(key) else { return nil }
        guard let b = v.bool else { throw wrong(key, "true or false") }
        return b
    }

    mutating func object(_ key: String) throws(InteractionDecodingError) -> JSONObject? {
        guard let v = value(key) else { return nil }
        guard let o = v.object else { throw wrong(key, "an object") }
        return o
    }

    mutating func array(_ key: String) throws(InteractionDecodingError) -> [JSONValue]? {
        guard let v = value(key) else { return nil }
        guard let a = v.array else { throw wrong(key, "an array") }
        return a
    }

    /// Seconds since the epoch (a number) as a packet timestamp.
    mutating func timestamp(_ key: String) throws(InteractionDecodingError) -> Timestamp? {
        guard let d = try double(key) else { return nil }
        guard d.isFinite, abs(d) < 9.0e9 else { throw wrong(key, "seconds since the epoch") }
        return Timestamp(nanoseconds: Int64((d * 1_000_000).rounded()) * 1000)
    }
}
