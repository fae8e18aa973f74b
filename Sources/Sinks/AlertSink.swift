// AlertSink: the interface every sink implements — deliver one notice on the sink's own worker thread — and the
// DeliveryContext through which it counts attempts, waits out backoffs and sees a shutdown coming.

import Foundation

/// A destination for alert notices. The dispatcher calls it from one worker thread per sink, one notice at a time,
/// so an implementation may block (network, child processes) and keep unsynchronised state used only there.
public protocol AlertSink: AnyObject, Sendable {
    /// "webhook", "alertmanager", "exec", "json_lines", ...
    var kind: String { get }
    /// Where it delivers, without secrets (no URL credentials or query string).
    var target: String { get }
    /// Delivers one notice: attempts, retries (counted through `context`) and says how it ended.
    func deliver(_ notice: AlertNotice, context: DeliveryContext) -> DeliveryOutcome
    /// Seconds between calls of `refresh` while the sink is idle; nil (the default) never calls it.
    var refreshInterval: Double? { get }
    /// Periodic work between deliveries (Alertmanager re-sends alerts still firing). Default: nothing.
    func refresh(context: DeliveryContext)
    /// The most recent runs (exec sinks); empty by default.
    var recentRuns: [ExecRun] { get }
}

extension AlertSink {
    public var refreshInterval: Double? { nil }
    public func refresh(context: DeliveryContext) {}
    public var recentRuns: [ExecRun] { [] }
}

/// How one notice's delivery ended.
public enum DeliveryOutcome: Sendable, Hashable {
    /// The receiver accepted it (2xx, line written, exit 0).
    case delivered
    /// No further attempt will be made; the message says why (the last failure).
    case gaveUp(String)
    /// The dispatcher is shutting down and the delivery stopped before it succeeded.
    case abandoned
}

/// A sink's handle on its worker: counters, interruptible waits, shutdown, and (for exec) the notices waiting.
public final class DeliveryContext: Sendable {
    private let worker: SinkWorker

    init(worker: SinkWorker) { self.worker = worker }

    /// Records a failed attempt (and, with `timedOut`, a timeout) with its message as the sink's last error.
    public func attemptFailed(_ message: String, timedOut: Bool = false) {
        worker.update {
            $0.counters.failedAttempts += 1
            if timedOut { $0.counters.timeouts += 1 }
            $0.lastError = message
            $0.lastErrorAt = Date()
        }
    }

    /// Records that another attempt follows a failed one.
    public func retrying() { worker.update { $0.counters.retries += 1 } }

    /// Records a successful periodic re-send (`AlertSink.refresh`).
    public func refreshed() { worker.update { $0.counters.refreshes += 1 } }

    /// True once shutdown's deadline has passed: stop retrying and return `.abandoned`.
    public var isStopping: Bool { worker.isStopping }

    /// Waits until `deadline` or until shutdown stops the sink; true when the deadline was reached normally.
    public func wait(until deadline: Date) -> Bool { worker.wait(until: deadline) }

    /// Removes every notice waiting in the queue and returns the newest of `notice` and them, with the number of
    /// older ones it replaces (counted as coalesced).
    public func takeNewest(replacing notice: AlertNotice) -> (notice: AlertNotice, coalesced: Int) {
        worker.takeNewest(replacing: notice)
    }
}
