// SinkWorker: one sink's bounded queue and the thread that drains it. `offer` never blocks (a full queue drops and
// counts); the thread delivers one notice at a time, calls the sink's periodic refresh while idle, and stops on
// shutdown. All state is guarded by one condition variable.

import Drift
import Foundation

final class SinkWorker: @unchecked Sendable {
    /// What a snapshot reports besides the queue.
    struct State {
        var counters = SinkCounters()
        var lastError: String?
        var lastErrorAt: Date?
        var lastDeliveredAt: Date?
    }

    let index: Int
    let sink: any AlertSink
    let states: Set<AlertEvent.State>
    let capacity: Int
    private let condition = NSCondition()
    private var queue: [AlertNotice] = []
    private var state = State()
    private var inFlight = false
    /// No new notices are accepted; the thread exits once the queue is empty.
    private var closed = false
    /// Deliveries stop: queued notices are abandoned, waits end early.
    private var stopping = false
    private var finished = false

    init(index: Int, sink: any AlertSink, states: Set<AlertEvent.State>, capacity: Int) {
        self.index = index
        self.sink = sink
        self.states = states
        self.capacity = max(1, capacity)
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "slicewatch-sink-\(index)-\(sink.kind)"
        thread.start()
    }

    // MARK: caller side

    /// Queues `notice` if this sink receives its state and there is room; returns at once.
    func offer(_ notice: AlertNotice) {
        condition.lock()
        defer { condition.unlock() }
        guard states.contains(notice.event.state) else {
            state.counters.filtered += 1
            return
        }
        state.counters.offered += 1
        if closed {
            state.counters.abandoned += 1
        } else if queue.count >= capacity {
            state.counters.droppedQueueFull += 1
        } else {
            queue.append(notice)
            condition.broadcast()
        }
    }

    /// Waits until nothing is queued or in flight, or until `deadline`; true when idle.
    func drain(until deadline: Date) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !(queue.isEmpty && !inFlight), !finished, Date() < deadline {
            _ = condition.wait(until: deadline)
        }
        return queue.isEmpty && !inFlight
    }

    /// Accepts no more notices; the queued ones are still delivered.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Stops delivering: what is queued is abandoned, a delivery under way ends at its next wait or check.
    func stop() {
        condition.lock()
        closed = true
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    func snapshot() -> SinkStatus {
        condition.lock()
        let s = state, queued = queue.count, busy = inFlight
        condition.unlock()
        return SinkStatus(
            index: index, kind: sink.kind, target: sink.target, counters: s.counters, queued: queued, inFlight: busy,
            lastError: s.lastError, lastErrorAt: s.lastErrorAt, lastDeliveredAt: s.lastDeliveredAt,
            recentRuns: sink.recentRuns)
    }

    // MARK: sink side (through DeliveryContext)

    func update(_ body: (inout State) -> Void) {
        condition.lock()
        body(&state)
        condition.unlock()
    }

    var isStopping: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopping
    }

    func wait(until deadline: Date) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !stopping, Date() < deadline { _ = condition.wait(until: deadline) }
        return !stopping
    }

    func takeNewest(replacing notice: AlertNotice) -> (notice: AlertNotice, coalesced: Int) {
        condition.lock()
        defer { condition.unlock() }
        guard let newest = queue.last else { return (notice, 0) }
        let replaced = queue.count
        queue.removeAll()
        state.counters.coalesced += replaced
        return (newest, replaced)
    }

    // MARK: the thread

    private func run() {
        let context = DeliveryContext(worker: self)
        var nextRefresh = sink.refreshInterval.map { Date(timeIntervalSinceNow: max(0.01, $0)) }
        condition.lock()
        while true {
            if stopping {
                state.counters.abandoned += queue.count
                queue.removeAll()
                break
            }
            if !queue.isEmpty {
                let notice = queue.removeFirst()
                inFlight = true
                condition.unlock()
                let outcome = sink.deliver(notice, context: context)
                condition.lock()
                inFlight = false
                switch outcome {
                case .delivered:
                    state.counters.delivered += 1
                    state.lastDeliveredAt = Date()
                case .gaveUp(let message):
                    state.counters.gaveUp += 1
                    state.lastError = message
                    state.lastErrorAt = Date()
                case .abandoned:
                    state.counters.abandoned += 1
                }
                condition.broadcast()
                continue
            }
            if closed { break }
            if let due = nextRefresh, let interval = sink.refreshInterval {
                if Date() >= due {
                    condition.unlock()
                    sink.refresh(context: context)
                    condition.lock()
                    nextRefresh = Date(timeIntervalSinceNow: max(0.01, interval))
                } else {
                    _ = condition.wait(until: due)
                }
            } else {
                condition.wait()
            }
        }
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}
