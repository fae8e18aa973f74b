// JSONLineTests: the capture output format — valid JSON on every line, secrets never written,
// bodies as text or base64, flags by name.

import Foundation
import HTTPStream
import JSON
import Reassembly
import Sidecar
import Testing
import Wire

private func line(_ exchange: HTTPExchange) throws -> [String: Any] {
    var w = JSONWriter()
    exchange.writeJSON(into: &w)
    return try #require(JSONSerialization.jsonObject(with: Data(w.bytes)) as? [String: Any])
}

private let connection = ConnectionID(
    serial: 3, client: Endpoint(address: IPAddress(ipv4: 127, 0, 0, 1), port: 50_000),
    server: Endpoint(address: IPAddress(ipv4: 127, 0, 0, 1), port: 8080))

@Test func secretsNeverReachTheOutput() throws {
    let head = HTTPRequestHead(
        method: "POST", target: "/v1/messages", version: "HTTP/1.1",
        headers: [
            "Host": "api", "Authorization": "Bearer sk-live", "X-Api-Key": "sk-ant-x", "Cookie": "a=b",
            "Content-Type": "application/json",
        ])
    let request = HTTPRequest(
        head: head, body: HTTPBody(bytes: Array("{\"q\":\"hi\\n\"}".utf8)), firstByte: .seconds(1.5),
        lastByte: .seconds(1.75), complete: true)
    let exchange = HTTPExchange(connection: connection, index: 0, request: request, response: nil, flags: .noResponse)
    var w = JSONWriter()
    exchange.writeJSON(into: &w)
    let text = String(decoding: w.bytes, as: UTF8.self)
    #expect(!text.contains("sk-live") && !text.contains("sk-ant-x") && !text.contains("a=b"))
    let object = try line(exchange)
    let req = try #require(object["request"] as? [String: Any])
    #expect(req["body"] as? String == "{\"q\":\"hi\\n\"}")
    #expect((req["headers"] as? [String: String])?["content-type"] == "application/json")
    #expect(req["first_byte"] as? Double == 1.5)
    #expect(object["flags"] as? [String] == ["no_response"])
    #expect((object["connection"] as? [String: Any])?["server"] as? String == "127.0.0.1:8080")
}

@Test func binaryBodiesAreBase64AndEventsAreListed() throws {
    let head = HTTPResponseHead(version: "HTTP/1.1", status: 200, reason: "OK", headers: ["Content-Type": "x"])
    let response = HTTPResponse(
        head: head, body: HTTPBody(bytes: [0xff, 0x00, 0x41], wireBytes: 3, decodedBytes: 3),
        events: nil, firstByte: .zero, lastByte: .zero, complete: true)
    let object = try line(HTTPExchange(connection: connection, index: 1, request: nil, response: response, flags: .responseOnly))
    let res = try #require(object["response"] as? [String: Any])
    #expect(res["body_base64"] as? String == "/wBB")
    #expect(res["body"] == nil)

    let sse = HTTPResponse(
        head: head, body: HTTPBody(bytes: Array("data: x\n\n".utf8), wireBytes: 9, decodedBytes: 9),
        events: [SSEEvent(data: "x\u{1}\"", id: "7", at: .seconds(2))], firstByte: .zero, lastByte: .zero,
        complete: false)
    let streamed = try line(HTTPExchange(connection: connection, index: 2, request: nil, response: sse, flags: [.incomplete, .gap]))
    let events = try #require((streamed["response"] as? [String: Any])?["events"] as? [[String: Any]])
    #expect(events.first?["data"] as? String == "x\u{1}\"")
    #expect(events.first?["id"] as? String == "7")
    #expect(streamed["flags"] as? [String] == ["gap", "incomplete"])
}
