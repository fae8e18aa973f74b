// DriftStage: runs a DriftSession on its own thread, fed through a bounded hand-off in batches, so turning
// exchanges into interactions (the capture's output thread) and describing, embedding and testing them (this
// thread, plus the encoder's workers) overlap instead of taking turns. Clock ticks (live capture) flush the
// partial batch and let time windows close when traffic pauses.

import Exchange
import Foundation

/// A drift session behind a bounded queue on a dedicated thread.
public final class DriftStage: @unchecked Sendable {
    enum Item: Sendable {
        /// Interactions to observe, optional so that the drift thread moves each one out (`take()`): a copy
        /// retains and releases each of an interaction's dozen references (and `reverse()` copied them too).
        case interactions([Interaction?])
        /// Observed interactions on their way back to the submitting thread (the return lane only).
        case observed([Interaction])
        case tick(Int64)
        case reconfigure(@Sendable (DriftSession) -> Void)
    }

    private let session: DriftSession
    private let queue: HandOff<Item>
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var batch: [Interaction?] = []
    private let batchSize: Int

    /// Starts the thread. `session` must not be used by anyone else until `finish` returns.
    /// Batches queued at most by default.
    public static let defaultQueuedBatches = 32

    public init(session: DriftSession, batchSize: Int = 64, queuedBatches: Int = defaultQueuedBatches) {
        self.session = session
        self.batchSize = max(1, batchSize)
        // The return lane holds a few observed batches (up to 256 interactions each) until the next hand-over.
        queue = HandOff(capacity: max(1, queuedBatches), returnCapacity: 4)
        // Observed interactions go back to the submitting thread, which releases them (HandOff, return lane).
        session.retireInteractions = { [queue] in queue.giveBack(.observed($0)) }
        nonisolated(unsafe) let owned = session  // handed to the thread; the caller keeps off it until finish
        let thread = Thread { [queue, done] in
            while let item = queue.take() {
                switch consume item {  // consumed, so the batch below is the only owner of its storage
                case .interactions(var batch):
                    for i in batch.indices { owned.add(batch[i].take()!) }
                case .observed: break
                case .tick(let now): owned.tick(now: now)
                case .reconfigure(let change): change(owned)
                }
            }
            done.signal()
        }
        thread.name = "slicewatch-drift"
        thread.start()
    }

    /// Batches waiting for the drift thread.
    public var queueDepth: Int { queue.count }

    /// Queues the interactions not yet handed over, if any.
    private func handOverPartialBatch() {
        lock.lock()
        let partial = batch
        batch.removeAll(keepingCapacity: true)
        lock.unlock()
        if !partial.isEmpty { _ = queue.put(.interactions(partial)) }
    }

    /// Queues one interaction; waits when the queue is full.
    public func submit(_ interaction: consuming Interaction) {
        lock.lock()
        batch.append(consume interaction)
        var full: [Interaction?]?
        if batch.count >= batchSize {
            full = batch
            batch.removeAll(keepingCapacity: true)
        }
        lock.unlock()
        if let full {
            _ = queue.put(.interactions(full))
            _ = queue.takeGivenBack()  // released here, on the thread that built them
        }
    }

    /// The clock reached `now` (ns since the epoch): hands over the partial batch and lets the session close
    /// batches and time windows that are due. From any thread.
    public func tick(now: Int64) {
        handOverPartialBatch()
        _ = queue.put(.tick(now))
        _ = queue.takeGivenBack()
    }

    /// Runs `change` on the drift thread between batches (a reload), after everything queued before it.
    public func reconfigure(_ change: @escaping @Sendable (DriftSession) -> Void) {
        handOverPartialBatch()
        _ = queue.put(.reconfigure(change))
    }

    /// Hands over the last batch, waits for the thread to drain, then finishes the session (summary).
    public func finish(source: String, seconds: @escaping () -> Double) {
        handOverPartialBatch()
        queue.close()
        done.wait()
        session.finish(source: source, seconds: seconds())
    }
}
