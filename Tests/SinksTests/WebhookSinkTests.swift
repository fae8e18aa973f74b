// WebhookSinkTests: the webhook sink against a real receiver on 127.0.0.1 (Tests/Fixtures/sinks/receiver.py):
// body and headers, the HMAC signature checked by the receiver, retries with backoff after 500s, timeouts,
// permanent failures, and an unreachable receiver that never blocks `offer`.

import Digest
import Drift
import Foundation
import SliceWatchTesting
import Testing

@testable import Sinks

private func webhook(_ url: String, secret: String? = nil, headers: [String: String] = [:], timeout: Double = 2,
                     retries: Int = 3, backoff: Double = 0.05, queue: Int = 16) throws -> SinkDispatcher {
    try SinkDispatcher(settings: [
        SinkSettings(
            kind: .webhook(WebhookSettings(
                url: url, secret: secret, headers: headers,
                delivery: DeliverySettings(timeout: timeout, retries: retries, backoff: backoff, maxBackoff: 1))),
            queueCapacity: queue)
    ])
}

@Suite(.enabled(if: ScriptServer.python != nil, "python3 is not installed (needed for the local HTTP receiver)"))
struct WebhookSinkTests {
    @Test func deliversTheAlertJSONSigned() throws {
        let server = try ScriptServer(script: receiverScript, arguments: ["--secret", "s3cret"])
        let dispatcher = try webhook(
            server.url("/hook").absoluteString, secret: "s3cret",
            headers: ["Authorization": "Bearer t0k", "X-Slicewatch-Signature": "forged"])
        defer { dispatcher.shutdown(timeout: 0) }
        let notice = sampleNotice()
        dispatcher.offer(notice)
        #expect(dispatcher.drain(timeout: 10))

        let requests = try received(server)
        try #require(requests.count == 1)
        let r = requests[0]
        #expect(r.path == "/hook")
        #expect(r.body == notice.json)
        #expect(r.signatureOK == true)  // the receiver's own HMAC over the raw body
        #expect(r.headers["x-slicewatch-signature"] == "sha256=" + HMAC.sha256Hex(key: "s3cret".utf8, message: notice.json.utf8))
        #expect(r.headers["x-slicewatch-delivery"] == notice.id)
        #expect(r.headers["x-slicewatch-event"] == "alert")
        #expect(r.headers["content-type"] == "application/json")
        #expect(r.headers["authorization"] == "Bearer t0k")
        let status = try #require(dispatcher.snapshot().first)
        #expect(status.kind == "webhook")
        #expect(status.counters.delivered == 1)
        #expect(status.counters.failedAttempts == 0)
        #expect(status.lastDeliveredAt != nil)
    }

    @Test func retriesWithExponentialBackoffAfterServerErrors() throws {
        let server = try ScriptServer(script: receiverScript, arguments: ["--fail-first", "2"])
        let dispatcher = try webhook(server.url("/hook").absoluteString, retries: 3, backoff: 0.2)
        defer { dispatcher.shutdown(timeout: 0) }
        let notice = sampleNotice()
        dispatcher.offer(notice)
        #expect(dispatcher.drain(timeout: 10))

        let requests = try received(server)
        #expect(requests.map(\.status) == [500, 500, 200])
        #expect(Set(requests.map(\.body)) == [notice.json])
        #expect(Set(requests.compactMap { $0.headers["x-slicewatch-delivery"] }) == [notice.id])  // same id on retries
        if requests.count == 3 {
            #expect(requests[1].time - requests[0].time >= 0.18)  // backoff 0.2 s
            #expect(requests[2].time - requests[1].time >= 0.38)  // then 0.4 s
        }
        let c = try #require(dispatcher.snapshot().first).counters
        #expect(c.delivered == 1)
        #expect(c.failedAttempts == 2)
        #expect(c.retries == 2)
        #expect(c.gaveUp == 0)
        #expect(dispatcher.snapshot().first?.lastError?.contains("HTTP 500") == true)
    }

    @Test func aTimeoutIsCountedAndRetried() throws {
        let server = try ScriptServer(script: receiverScript, arguments: ["--slow-first", "1", "--sleep", "3"])
        let dispatcher = try webhook(server.url("/hook").absoluteString, timeout: 0.4, retries: 1)
        defer { dispatcher.shutdown(timeout: 0) }
        let start = Date()
        dispatcher.offer(sampleNotice())
        #expect(dispatcher.drain(timeout: 10))
        #expect(Date().timeIntervalSince(start) < 2.5)  // not the receiver's 3 s

        let c = try #require(dispatcher.snapshot().first).counters
        #expect(c.timeouts == 1)
        #expect(c.failedAttempts == 1)
        #expect(c.retries == 1)
        #expect(c.delivered == 1)
        let requests = try received(server)
        try #require(requests.count == 2)
        #expect(requests[1].time - requests[0].time >= 0.4)  // the whole 0.4 s timeout, then the 0.05 s backoff
    }

    @Test func clientErrorsAreNotRetried() throws {
        let server = try ScriptServer(script: receiverScript, arguments: ["--fail-first", "9", "--fail-status", "400"])
        let dispatcher = try webhook(server.url("/hook").absoluteString, retries: 3)
        defer { dispatcher.shutdown(timeout: 0) }
        dispatcher.offer(sampleNotice())
        #expect(dispatcher.drain(timeout: 10))
        let status = try #require(dispatcher.snapshot().first)
        #expect(status.counters.gaveUp == 1)
        #expect(status.counters.failedAttempts == 1)
        #expect(status.counters.retries == 0)
        #expect(status.lastError?.contains("HTTP 400") == true)
        #expect(try received(server).count == 1)
    }

    @Test func anUnreachableReceiverGivesUpWithoutBlockingOffer() throws {
        // A port nobody listens on: the receiver's, after it stopped.
        let server = try ScriptServer(script: receiverScript)
        let url = server.url("/hook").absoluteString
        server.stop()
        let dispatcher = try webhook(url, retries: 2, backoff: 0.05, queue: 64)
        defer { dispatcher.shutdown(timeout: 0) }
        let start = Date()
        for w in 1...10 { dispatcher.offer(sampleNotice(window: w)) }
        #expect(Date().timeIntervalSince(start) < 0.5)
        #expect(dispatcher.drain(timeout: 15))

        let status = try #require(dispatcher.snapshot().first)
        #expect(status.counters.offered == 10)
        #expect(status.counters.gaveUp == 10)
        #expect(status.counters.failedAttempts == 30)
        #expect(status.counters.retries == 20)
        #expect(status.counters.delivered == 0)
        #expect(status.lastError?.contains("gave up after 3 attempts") == true)
        #expect(balanced(status))
    }
}
