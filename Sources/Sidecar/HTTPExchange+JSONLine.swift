// HTTPExchange+JSONLine: the `slicewatch capture` output format, one JSON object per exchange.
// Secrets (Authorization, API keys, cookies, key-like strings in any text) are dropped here so they never
// reach output.

import Exchange
import Foundation
import HTTPStream
import JSON
import Reassembly
import Wire

extension HTTPExchange {
    /// Header names never written out, lowercased.
    public static let secretHeaders: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key",
        "x-goog-api-key", "openai-organization", "openai-project",
    ]

    /// Writes this exchange as one JSON object (no trailing newline).
    public func writeJSON(into w: inout JSONWriter) {
        w.beginObject()
        w.key("connection")
        w.beginObject()
        w.field("id", connection.serial)
        w.field("client", connection.client.description)
        w.field("server", connection.server.description)
        w.endObject()
        w.field("index", index)
        if let request {
            w.key("request")
            w.beginObject()
            w.field("method", request.head.method)
            w.field("target", SecretScrubber.scrub(request.head.target))
            w.field("version", request.head.version)
            if let host = request.head.headers["host"] { w.field("host", host) }
            Self.writeHeaders(request.head.headers, into: &w)
            Self.writeBody(request.body, into: &w)
            w.field("complete", request.complete)
            w.key("first_byte")
            w.timestamp(request.firstByte)
            w.key("last_byte")
            w.timestamp(request.lastByte)
            w.endObject()
        }
        if let response {
            w.key("response")
            w.beginObject()
            w.field("status", response.head.status)
            w.field("reason", response.head.reason)
            w.field("version", response.head.version)
            if !response.interim.isEmpty {
                w.key("interim")
                w.beginArray()
                for s in response.interim { w.int(s) }
                w.endArray()
            }
            Self.writeHeaders(response.head.headers, into: &w)
            if let events = response.events {
                w.key("events")
                w.beginArray()
                for i in events.indices {
                    w.beginObject()
                    w.key("at")
                    w.timestamp(events[i].at)
                    w.field("event", events[i].event)
                    w.field("data", SecretScrubber.scrub(events[i].data))
                    if let id = events[i].id { w.field("id", id) }
                    if let retry = events[i].retry { w.field("retry", retry) }
                    w.endObject()
                }
                w.endArray()
                Self.writeBody(response.body, into: &w, includeBytes: false)
            } else {
                Self.writeBody(response.body, into: &w)
            }
            w.field("complete", response.complete)
            w.key("first_byte")
            w.timestamp(response.firstByte)
            w.key("last_byte")
            w.timestamp(response.lastByte)
            w.endObject()
        }
        w.key("flags")
        w.beginArray()
        for (flag, name) in ExchangeFlags.names where flags.contains(flag) { w.string(name) }
        w.endArray()
        w.endObject()
    }


    private static func writeHeaders(_ headers: HTTPHeaders, into w: inout JSONWriter) {
        w.key("headers")
        w.beginObject()
        for field in headers {
            let name = field.name.lowercased()
            if secretHeaders.contains(name) { continue }
            w.field(name, SecretScrubber.scrub(field.value))
        }
        w.endObject()
    }

    private static func writeBody(_ body: HTTPBody, into w: inout JSONWriter, includeBytes: Bool = true) {
        if includeBytes && !body.bytes.isEmpty {
            if let text = String(validating: body.bytes, as: UTF8.self) {
                w.field("body", SecretScrubber.scrub(text))
            } else {
                w.field("body_base64", Data(body.bytes).base64EncodedString())
            }
        }
        w.field("wire_bytes", body.wireBytes)
        w.field("decoded_bytes", body.decodedBytes)
        if let encoding = body.contentEncoding { w.field("content_encoding", encoding) }
        if body.chunked { w.field("chunked", true) }
        w.field("truncated", body.truncated)
        if let error = body.decodeError { w.field("decode_error", error) }
    }
}
