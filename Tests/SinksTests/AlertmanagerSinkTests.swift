// AlertmanagerSinkTests: the /api/v2/alerts payload for firing and resolved notices (same labels; endsAt on
// resolve), periodic re-sends of alerts still firing, and pending notices kept away, against a real receiver.

import Drift
import Foundation
import SliceWatchTesting
import Testing

@testable import Sinks

/// The alerts of one recorded POST.
private func alerts(_ r: Received) throws -> [[String: Any]] {
    try #require(try parseJSON(r.body) as? [[String: Any]])
}

@Suite(.enabled(if: ScriptServer.python != nil, "python3 is not installed (needed for the local HTTP receiver)"))
struct AlertmanagerSinkTests {
    @Test func firingThenResolvedWithTheSameLabels() throws {
        let server = try ScriptServer(script: receiverScript)
        let settings = AlertmanagerSettings(
            url: server.url("").absoluteString, labels: ["team": "ml", "alertname": "Ignored"],
            delivery: DeliverySettings(timeout: 2, retries: 1, backoff: 0.05), resendInterval: 0,
            generatorURL: "http://sidecar:9400/")
        let dispatcher = try SinkDispatcher(settings: [
            SinkSettings(kind: .alertmanager(settings), states: [.pending, .firing, .resolved])
        ])
        defer { dispatcher.shutdown(timeout: 0) }
        dispatcher.offer(sampleNotice(.pending, window: 5))
        dispatcher.offer(sampleNotice(.firing, window: 7, exportPath: "/exports/s3.jsonl"))
        dispatcher.offer(sampleNotice(.resolved, window: 19, time: baseTime + 600_000_000_000))
        #expect(dispatcher.drain(timeout: 10))

        let requests = try received(server)
        try #require(requests.count == 2)  // Alertmanager has no pending state
        #expect(requests.allSatisfy { $0.path == "/api/v2/alerts" })
        let firing = try #require(try alerts(requests[0]).first)
        let resolved = try #require(try alerts(requests[1]).first)

        let labels = try #require(firing["labels"] as? [String: String])
        #expect(labels == [
            "alertname": "SliceWatchDrift", "key": "slice_share/s3", "test": "slice_share", "slice": "s3",
            "statistic": "z", "team": "ml",
        ])
        #expect(resolved["labels"] as? [String: String] == labels)

        let annotations = try #require(firing["annotations"] as? [String: String])
        #expect(annotations["summary"] == sampleNotice().summary)
        #expect(annotations["p_value"] == "1.0e-05")
        #expect(annotations["effect"] == "cohen_h 0.47 (floor 0.1)")
        #expect(annotations["slice_label"] == "travel booking")
        #expect(annotations["export_path"] == "/exports/s3.jsonl")
        #expect(annotations["description"]?.contains("book a flight to rome") == true)
        #expect(firing["generatorURL"] as? String == "http://sidecar:9400/")

        #expect(firing["startsAt"] as? String == "2023-11-14T22:13:20.000Z")
        #expect(firing["endsAt"] == nil)  // re-sends off: Alertmanager's resolve_timeout applies
        #expect(resolved["startsAt"] as? String == "2023-11-14T22:13:20.000Z")
        #expect(resolved["endsAt"] as? String == "2023-11-14T22:23:20.000Z")  // the resolving window's time

        let status = try #require(dispatcher.snapshot().first)
        #expect(status.kind == "alertmanager")
        #expect(status.counters.filtered == 1)
        #expect(status.counters.delivered == 2)
    }

    @Test func alertsStillFiringAreResent() throws {
        let server = try ScriptServer(script: receiverScript)
        let settings = AlertmanagerSettings(
            url: server.url("/").absoluteString, delivery: DeliverySettings(timeout: 2, retries: 0), resendInterval: 0.2)
        let dispatcher = try SinkDispatcher(settings: [SinkSettings(kind: .alertmanager(settings))])
        defer { dispatcher.shutdown(timeout: 0) }
        dispatcher.offer(sampleNotice(.firing))
        #expect(eventually { (try? received(server).count) ?? 0 >= 3 })
        let requests = try received(server)
        let first = try #require(try alerts(requests[0]).first)
        let resent = try #require(try alerts(requests[2]).first)
        // Active: endsAt 4 intervals after it was sent.
        #expect((first["endsAt"] as? String ?? "") > rfc3339(Date(timeIntervalSince1970: requests[0].time + 0.6)))
        #expect(resent["labels"] as? [String: String] == first["labels"] as? [String: String])
        #expect(resent["startsAt"] as? String == first["startsAt"] as? String)
        #expect((resent["endsAt"] as? String ?? "") > (first["endsAt"] as? String ?? "~"))  // renewed
        #expect((dispatcher.snapshot().first?.counters.refreshes ?? 0) >= 2)

        dispatcher.offer(sampleNotice(.resolved, window: 20))
        #expect(dispatcher.drain(timeout: 5))
        let afterResolve = try received(server).count
        usleep(600_000)
        #expect(try received(server).count == afterResolve)  // nothing firing: no more re-sends
    }

    @Test func payloadWithoutSliceOrTime() throws {
        var event = sampleEvent(.firing, time: nil)
        event.finding.result.slice = nil
        event.finding.result.test = .novelty
        event.finding.result.pValue = nil
        event.key = "novelty"
        let notice = AlertNotice(event: event, labels: [:])
        let before = Date()
        let alert = AlertmanagerSink.alert(for: notice, settings: AlertmanagerSettings(url: "http://am"), startsAt: before, endsAt: nil)
        #expect(alert.labels == ["alertname": "SliceWatchDrift", "key": "novelty", "test": "novelty", "statistic": "z"])
        #expect(alert.annotations["p_value"] == nil)
        let body = try #require(try parseJSON(String(decoding: AlertmanagerSink.body([alert]), as: UTF8.self)) as? [[String: Any]])
        #expect(body.count == 1)
        #expect(body[0]["endsAt"] == nil)
        #expect(body[0]["generatorURL"] == nil)
    }
}
