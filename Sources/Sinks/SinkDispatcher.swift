// SinkDispatcher: the one object the pipeline talks to — `offer` hands a notice to every sink's bounded queue and
// returns at once (capture never waits for a slow receiver); `snapshot` reads the counters; `drain` and
// `shutdown` wait for queued deliveries up to a deadline (on SIGTERM).

import Drift
import Foundation

/// Fans alert notices out to the configured sinks, each with its own bounded queue and worker thread.
public final class SinkDispatcher: Sendable {
    private let workers: [SinkWorker]

    /// Builds and starts one sink per entry (in order: the index in `snapshot`). Throws a `SinkError` naming the
    /// entry when one is invalid (an unusable URL, an empty command).
    public convenience init(settings: [SinkSettings]) throws {
        var sinks: [(sink: any AlertSink, states: Set<AlertEvent.State>, queueCapacity: Int)] = []
        for (i, s) in settings.enumerated() {
            do {
                var states = s.states
                if case .alertmanager = s.kind { states.remove(.pending) }  // Alertmanager has no pending state
                sinks.append((try makeSink(s.kind), states, s.queueCapacity))
            } catch let error as SinkError {
                throw SinkError("sink \(i + 1): \(error.description)")
            }
        }
        self.init(sinks: sinks)
    }

    /// Starts a worker for each given sink (custom sinks, tests): the states it receives and its queue capacity.
    public init(sinks: [(sink: any AlertSink, states: Set<AlertEvent.State>, queueCapacity: Int)]) {
        workers = sinks.enumerated().map { i, entry in
            SinkWorker(index: i, sink: entry.sink, states: entry.states, capacity: entry.queueCapacity)
        }
        for w in workers { w.start() }
    }

    deinit {
        for w in workers { w.stop() }
    }

    /// Hands `notice` to every sink that receives its state. Never blocks: a sink whose queue is full drops it and
    /// counts the drop.
    public func offer(_ notice: AlertNotice) {
        for w in workers { w.offer(notice) }
    }

    /// Renders `event` once (see `AlertNotice`) and offers it.
    public func offer(_ event: AlertEvent, labels: [String: String], exportPath: String? = nil) {
        offer(AlertNotice(event: event, labels: labels, exportPath: exportPath))
    }

    /// The number of sinks.
    public var count: Int { workers.count }

    /// Every sink's counters, queue and last error, in configuration order.
    public func snapshot() -> [SinkStatus] { workers.map { $0.snapshot() } }

    /// The most recent runs of every exec sink, oldest first (also in each exec sink's `SinkStatus.recentRuns`).
    public func recentRuns() -> [ExecRun] {
        workers.flatMap { $0.sink.recentRuns }.sorted { $0.started < $1.started }
    }

    /// Waits until every queue is empty and no delivery is under way, at most `timeout` seconds (retries and
    /// backoffs included). True when everything offered so far has been handled (delivered or given up).
    public func drain(timeout: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: max(0, timeout))
        var idle = true
        for w in workers where !w.drain(until: deadline) { idle = false }
        return idle
    }

    /// Stops accepting notices (later offers are counted as abandoned), delivers what is queued for at most
    /// `timeout` seconds, then stops every worker: notices still queued are abandoned, backoff waits end, a running
    /// exec command is killed. True when everything was handled before the deadline. Idempotent.
    @discardableResult
    public func shutdown(timeout: Double) -> Bool {
        for w in workers { w.close() }
        let idle = drain(timeout: timeout)
        for w in workers { w.stop() }
        return idle
    }
}

/// The sink for one configuration entry.
func makeSink(_ kind: SinkSettings.Kind) throws -> any AlertSink {
    switch kind {
    case .jsonLines(let path): JSONLinesSink(path: path)
    case .webhook(let settings): try WebhookSink(settings: settings)
    case .alertmanager(let settings): try AlertmanagerSink(settings: settings)
    case .exec(let settings): try ExecSink(settings: settings)
    }
}
