// SinksTests: shared fixtures of the sink tests — alert events and notices, the local HTTP receiver
// (Tests/Fixtures/sinks/receiver.py) and what it recorded, a sink tests can hold up, and polling helpers.

import Drift
import Foundation
import SliceWatchTesting
import Testing

@testable import Sinks

let receiverScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/sinks/receiver.py").path

/// 2023-11-14T22:13:20Z in ns.
let baseTime: Int64 = 1_700_000_000_000_000_000

func sampleFinding(slice: String? = "s3") -> Finding {
    Finding(
        result: TestResult(
            test: .sliceShare, slice: slice, descriptor: nil, statistic: "z", value: 0.31, baselineValue: 0.12,
            sampleSize: 250, pValue: 0.00001, z: 4.3, effectName: "cohen_h", effect: 0.47, floor: 0.1,
            insufficientData: nil, examples: ["book a flight to rome", "hotel near \"the\" station\nplease"]),
        trigger: "window", alpha: 0.001, cusum: 3.25, cusumThreshold: 5.0)
}

/// An alert event as the alert state machine makes it (AlertEvent has no public initialiser): `state` in `window`.
func sampleEvent(_ state: AlertEvent.State, window: Int = 7, time: Int64? = baseTime) -> AlertEvent {
    let finding = sampleFinding()
    let key = finding.result.key
    var manager = AlertManager(firingAfter: state == .pending ? 2 : 1, resolvingAfter: 1, cooldown: 0)
    func update(_ w: Int, findings: [String: Finding], clear: Set<String> = []) -> [AlertEvent] {
        manager.update(window: w, interactionIndex: w * 50 + 49, time: time, findings: findings, clear: clear)
    }
    if state == .resolved { _ = update(window - 1, findings: [key: finding]) }
    let events = update(window, findings: state == .resolved ? [:] : [key: finding], clear: state == .resolved ? [key] : [])
    guard let event = events.last(where: { $0.state == state }) else { fatalError("no \(state) event from AlertManager") }
    return event
}

let sampleLabels = ["s3": "travel booking", "s1": "balance"]

func sampleNotice(_ state: AlertEvent.State = .firing, window: Int = 7, time: Int64? = baseTime, exportPath: String? = nil)
    -> AlertNotice
{
    AlertNotice(event: sampleEvent(state, window: window, time: time), labels: sampleLabels, exportPath: exportPath)
}

/// Parses JSON text into Foundation values.
func parseJSON(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

/// One POST the receiver recorded.
struct Received {
    var time: Double
    var path: String
    var headers: [String: String]
    var body: String
    var status: Int
    var signatureOK: Bool?
}

func received(_ server: ScriptServer) throws -> [Received] {
    let list = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: server.url("/requests"))) as? [[String: Any]])
    return list.map {
        Received(
            time: $0["time"] as? Double ?? 0, path: $0["path"] as? String ?? "", headers: $0["headers"] as? [String: String] ?? [:],
            body: $0["body"] as? String ?? "", status: $0["status"] as? Int ?? 0, signatureOK: $0["signature_ok"] as? Bool)
    }
}

/// Polls `condition` every 20 ms until it holds or `timeout` seconds pass; whether it held.
func eventually(timeout: Double = 5, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date(timeIntervalSinceNow: timeout)
    while Date() < deadline {
        if try condition() { return true }
        usleep(20_000)
    }
    return try condition()
}

/// A fresh temporary directory.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("slicewatch-sinks-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A sink that records notices and, while `hold` is set, waits in `deliver` until released or stopped.
final class HeldSink: AlertSink, @unchecked Sendable {
    private let lock = NSLock()
    private var held: Bool
    private var seen: [AlertNotice] = []
    private var startedCount = 0
    let kind = "held"
    let target = "memory"

    init(hold: Bool) { held = hold }

    var notices: [AlertNotice] { lock.withLock { seen } }
    var started: Int { lock.withLock { startedCount } }
    func release() { lock.withLock { held = false } }

    func deliver(_ notice: AlertNotice, context: DeliveryContext) -> DeliveryOutcome {
        lock.withLock { startedCount += 1 }
        while lock.withLock({ held }) {
            if !context.wait(until: Date(timeIntervalSinceNow: 0.01)) { return .abandoned }
        }
        lock.withLock { seen.append(notice) }
        return .delivered
    }
}

/// Every notice accepted is accounted for exactly once.
func balanced(_ s: SinkStatus) -> Bool {
    let c = s.counters
    return c.offered == c.droppedQueueFull + c.delivered + c.gaveUp + c.coalesced + c.abandoned + s.queued + (s.inFlight ? 1 : 0)
}

let pythonMissing = "python3 is not installed (needed for the local HTTP receiver)"
