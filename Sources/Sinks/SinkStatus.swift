// SinkStatus: what a sink has done so far — per-sink counters, queue depth and last error — read as a snapshot
// (for /metrics and the admin page) while its worker keeps delivering.

import Foundation

/// Monotonic per-sink counters. Every notice a sink accepts ends in exactly one of delivered, gaveUp, coalesced or
/// abandoned (or is still queued / in flight): `offered == droppedQueueFull + delivered + gaveUp + coalesced +
/// abandoned + queued + inFlight`.
public struct SinkCounters: Sendable, Hashable {
    /// Notices of a state this sink receives, handed to `offer` (including the ones then dropped).
    public var offered = 0
    /// Notices skipped because the sink does not receive their state (`SinkSettings.states`); not in `offered`.
    public var filtered = 0
    /// Notices delivered: a 2xx answer, a line written, a command that exited 0.
    public var delivered = 0
    /// Attempts that failed (connection error, timeout, non-2xx status, write error, command failure or timeout).
    public var failedAttempts = 0
    /// Of those, attempts that ran out of time.
    public var timeouts = 0
    /// Further attempts made after a failed one.
    public var retries = 0
    /// Notices dropped at `offer` because the queue was full (`SinkSettings.queueCapacity`).
    public var droppedQueueFull = 0
    /// Notices given up after their last failed attempt (or a failure not worth retrying, e.g. HTTP 400).
    public var gaveUp = 0
    /// Exec: notices folded into a later run (only the newest waiting notice runs; see `ExecSink`).
    public var coalesced = 0
    /// Notices not delivered because the dispatcher shut down: still queued or being retried when shutdown's
    /// deadline passed, or offered after shutdown began.
    public var abandoned = 0
    /// Alertmanager: successful re-sends of the alerts still firing.
    public var refreshes = 0

    public init() {}
}

/// A snapshot of one sink.
public struct SinkStatus: Sendable, Hashable {
    /// Position in the dispatcher's sink list (stable: a metrics label).
    public var index: Int
    /// "json_lines", "webhook", "alertmanager", "exec", or a custom sink's kind.
    public var kind: String
    /// Where it delivers, without secrets: a URL without credentials or query, a path, the command's program.
    public var target: String
    public var counters: SinkCounters
    /// Notices waiting now, and whether one is being delivered.
    public var queued: Int
    public var inFlight: Bool
    /// The last failure's message and time, and the last successful delivery's time.
    public var lastError: String?
    public var lastErrorAt: Date?
    public var lastDeliveredAt: Date?
    /// Exec sinks: the most recent runs, oldest first (empty for other sinks).
    public var recentRuns: [ExecRun]

    public init(
        index: Int, kind: String, target: String, counters: SinkCounters, queued: Int, inFlight: Bool,
        lastError: String?, lastErrorAt: Date?, lastDeliveredAt: Date?, recentRuns: [ExecRun]
    ) {
        self.index = index
        self.kind = kind
        self.target = target
        self.counters = counters
        self.queued = queued
        self.inFlight = inFlight
        self.lastError = lastError
        self.lastErrorAt = lastErrorAt
        self.lastDeliveredAt = lastDeliveredAt
        self.recentRuns = recentRuns
    }
}
