// DispatcherTests: the dispatcher's contract independent of any network — offer never blocks, full queues drop and
// count, states are filtered, drain waits, shutdown abandons what is left — plus notices, JSON lines and settings.

import Drift
import Foundation
import Testing

@testable import Sinks

struct DispatcherTests {
    @Test func noticeJSONIsTheAlertLinePlusExportPath() throws {
        let plain = sampleNotice()
        let object = try #require(try parseJSON(plain.json) as? [String: Any])
        #expect(object["type"] as? String == "alert")
        #expect(object["state"] as? String == "firing")
        #expect(object["key"] as? String == "slice_share/s3")
        #expect(object["slice_label"] as? String == "travel booking")
        #expect(object["export_path"] == nil)
        #expect(!plain.json.contains("\n"))
        #expect(plain.summary.contains("travel booking"))

        let exported = sampleNotice(exportPath: "/var/lib/slicewatch/exports/\"s3\".jsonl")
        let withPath = try #require(try parseJSON(exported.json) as? [String: Any])
        #expect(withPath["export_path"] as? String == "/var/lib/slicewatch/exports/\"s3\".jsonl")
        #expect(withPath["summary"] as? String == object["summary"] as? String)
        #expect(exported.id != plain.id)
    }

    @Test func fullQueueDropsAndCountsWithoutBlocking() throws {
        let sink = HeldSink(hold: true)
        let dispatcher = SinkDispatcher(sinks: [(sink, [.firing, .resolved], 2)])
        defer { dispatcher.shutdown(timeout: 0) }
        dispatcher.offer(sampleNotice(window: 1))
        #expect(eventually { sink.started == 1 })  // the first is in flight, held
        let start = Date()
        for w in 2...6 { dispatcher.offer(sampleNotice(window: w)) }
        #expect(Date().timeIntervalSince(start) < 0.5)  // five offers against a stuck sink return at once
        let held = try #require(dispatcher.snapshot().first)
        #expect(held.counters.offered == 6)
        #expect(held.queued == 2)
        #expect(held.inFlight)
        #expect(held.counters.droppedQueueFull == 3)
        #expect(balanced(held))

        sink.release()
        #expect(dispatcher.drain(timeout: 5))
        let done = try #require(dispatcher.snapshot().first)
        #expect(done.counters.delivered == 3)
        #expect(done.queued == 0 && !done.inFlight)
        #expect(sink.notices.map(\.event.window) == [1, 2, 3])  // in order; 4-6 were dropped
        #expect(balanced(done))
    }

    @Test func statesAreFiltered() throws {
        let sink = HeldSink(hold: false)
        let dispatcher = SinkDispatcher(sinks: [(sink, [.firing], 8)])
        defer { dispatcher.shutdown(timeout: 0) }
        dispatcher.offer(sampleNotice(.pending))
        dispatcher.offer(sampleNotice(.firing))
        dispatcher.offer(sampleNotice(.resolved))
        #expect(dispatcher.drain(timeout: 5))
        let status = try #require(dispatcher.snapshot().first)
        #expect(status.counters.filtered == 2)
        #expect(status.counters.offered == 1)
        #expect(status.counters.delivered == 1)
        #expect(sink.notices.map(\.event.state) == [.firing])
    }

    @Test func shutdownAbandonsWhatIsLeftAtTheDeadline() throws {
        let sink = HeldSink(hold: true)
        let dispatcher = SinkDispatcher(sinks: [(sink, [.firing, .resolved], 8)])
        for w in 1...3 { dispatcher.offer(sampleNotice(window: w)) }
        #expect(eventually { sink.started == 1 })
        let start = Date()
        #expect(!dispatcher.shutdown(timeout: 0.2))
        #expect(Date().timeIntervalSince(start) < 2)
        dispatcher.offer(sampleNotice(window: 4))  // after shutdown: not queued
        #expect(eventually { dispatcher.snapshot().first?.counters.abandoned == 4 })
        let status = try #require(dispatcher.snapshot().first)
        #expect(status.counters.delivered == 0)
        #expect(balanced(status))
    }

    @Test func jsonLinesAppendToAFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("alerts.jsonl").path
        let dispatcher = try SinkDispatcher(settings: [
            SinkSettings(kind: .jsonLines(path: path), states: [.pending, .firing, .resolved]),
            SinkSettings(kind: .jsonLines(path: directory.appendingPathComponent("missing/alerts.jsonl").path)),
        ])
        defer { dispatcher.shutdown(timeout: 0) }
        let notices = [sampleNotice(.pending), sampleNotice(.firing), sampleNotice(.resolved, window: 12)]
        for n in notices { dispatcher.offer(n) }
        #expect(dispatcher.drain(timeout: 5))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == notices.map { $0.json + "\n" }.joined())
        for line in text.split(separator: "\n") { #expect((try? parseJSON(String(line))) != nil) }

        let status = dispatcher.snapshot()
        #expect(status[0].kind == "json_lines" && status[0].counters.delivered == 3)
        #expect(status[1].counters.offered == 2)  // firing and resolved by default
        #expect(status[1].counters.gaveUp == 2)
        #expect(status[1].counters.failedAttempts == 2)
        #expect(status[1].lastError?.contains("cannot open") == true)
    }

    @Test func invalidSettingsAreClearErrors() {
        #expect(throws: SinkError.self) { try SinkDispatcher(settings: [SinkSettings(kind: .webhook(WebhookSettings(url: "not a url")))]) }
        do {
            _ = try SinkDispatcher(settings: [
                SinkSettings(kind: .jsonLines(path: nil)),
                SinkSettings(kind: .alertmanager(AlertmanagerSettings(url: "ftp://alertmanager:9093"))),
            ])
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("sink 2"))
            #expect("\(error)".contains("ftp://alertmanager:9093"))
        }
        #expect(throws: SinkError.self) { try SinkDispatcher(settings: [SinkSettings(kind: .exec(ExecSettings(command: [])))]) }
    }

    @Test func backoffDoublesUpToTheCap() {
        let http = HTTPDelivery(settings: DeliverySettings(timeout: 1, retries: 5, backoff: 1, maxBackoff: 5))
        #expect((0..<5).map { http.backoff(after: $0) } == [1, 2, 4, 5, 5])
        http.invalidate()
    }

    @Test func targetsHideSecrets() throws {
        let webhook = try WebhookSink(settings: WebhookSettings(url: "https://user:pw@hooks.example.com/alert?token=abc"))
        #expect(webhook.target == "https://hooks.example.com/alert")
        let alertmanager = try AlertmanagerSink(settings: AlertmanagerSettings(url: "http://am:9093/"))
        #expect(alertmanager.alertsURL.absoluteString == "http://am:9093/api/v2/alerts")
        let full = try AlertmanagerSink(settings: AlertmanagerSettings(url: "http://am:9093/api/v2/alerts"))
        #expect(full.alertsURL.absoluteString == "http://am:9093/api/v2/alerts")
    }
}
