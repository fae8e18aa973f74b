// JSONLineWriter: encodes values as JSON lines and writes them to a file descriptor on its own thread,
// so output formatting overlaps with decoding. Values go over in batches through a bounded HandOff;
// a full queue makes the producer wait.

import Foundation
import JSON

/// Writes JSON lines for values handed to it, on a background thread, in order.
public final class JSONLineWriter<Value: Sendable>: @unchecked Sendable {
    private let fd: Int32
    private let encode: @Sendable (Value, inout JSONWriter) -> Void
    private let queue: HandOff<[Value]>
    private let done = DispatchSemaphore(value: 0)
    private var pending: [Value] = []
    private let batchSize: Int

    /// - Parameters:
    ///   - fileDescriptor: where lines go (not closed by the writer).
    ///   - batchSize: values handed over together.
    ///   - encode: writes one value as a complete line (JSON and its newline), or nothing to skip it.
    public init(
        fileDescriptor: Int32, batchSize: Int = 64, maxQueuedBatches: Int = 4,
        encode: @escaping @Sendable (Value, inout JSONWriter) -> Void
    ) {
        self.fd = fileDescriptor
        self.encode = encode
        self.batchSize = batchSize
        self.queue = HandOff(capacity: maxQueuedBatches)
        pending.reserveCapacity(batchSize)
        let thread = Thread { [self] in writeLoop() }
        thread.name = "slicewatch-output"
        thread.start()
    }

    /// Queues one value; returns false once the output can no longer be written (e.g. a closed pipe).
    @discardableResult
    public func write(_ value: Value) -> Bool {
        pending.append(value)
        if pending.count >= batchSize { return handOver() }
        return !queue.isCancelled
    }

    /// Writes everything queued and waits for the output thread to finish. Returns false if writing failed.
    @discardableResult
    public func close() -> Bool {
        handOver()
        queue.close()
        done.wait()
        return !queue.isCancelled
    }

    @discardableResult
    private func handOver() -> Bool {
        guard !pending.isEmpty else { return !queue.isCancelled }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        return queue.put(batch)
    }

    private func writeLoop() {
        var writer = JSONWriter(reserving: 1 << 20)
        while let batch = queue.take() {
            writer.reset()
            for value in batch { encode(value, &writer) }
            if !writer.withBytes({ writeAll($0) }) { queue.cancel() }
        }
        done.signal()
    }

    private func writeAll(_ raw: UnsafeRawBufferPointer) -> Bool {
        guard let start = raw.baseAddress else { return true }
        var offset = 0
        while offset < raw.count {
            let n = Foundation.write(fd, start + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }
}
