// DriftStage: runs a DriftSession on its own thread, fed through a bounded hand-off in batches, so turning
// exchanges into interactions (the capture's output thread) and describing, embedding and testing them (this
// thread, plus the encoder's workers) overlap instead of taking turns.

import Exchange
import Foundation

/// A drift session behind a bounded queue on a dedicated thread.
public final class DriftStage: @unchecked Sendable {
    private let session: DriftSession
    private let queue: HandOff<[Interaction]>
    private let done = DispatchSemaphore(value: 0)
    private var batch: [Interaction] = []
    private let batchSize: Int

    /// Starts the thread. `session` must not be used by anyone else until `finish` returns.
    public init(session: DriftSession, batchSize: Int = 64, queuedBatches: Int = 32) {
        self.session = session
        self.batchSize = max(1, batchSize)
        queue = HandOff(capacity: max(1, queuedBatches))
        nonisolated(unsafe) let owned = session  // handed to the thread; the caller keeps off it until finish
        let thread = Thread { [queue, done] in
            while let batch = queue.take() {
                for interaction in batch { owned.add(interaction) }
            }
            done.signal()
        }
        thread.name = "slicewatch-drift"
        thread.start()
    }

    /// Queues one interaction (from a single producer thread); waits when the queue is full.
    public func submit(_ interaction: Interaction) {
        batch.append(interaction)
        if batch.count >= batchSize {
            _ = queue.put(batch)
            batch.removeAll(keepingCapacity: true)
        }
    }

    /// Hands over the last batch, waits for the thread to drain, then finishes the session (summary).
    public func finish(source: String, seconds: @escaping () -> Double) {
        if !batch.isEmpty { _ = queue.put(batch) }
        batch = []
        queue.close()
        done.wait()
        session.finish(source: source, seconds: seconds())
    }
}
