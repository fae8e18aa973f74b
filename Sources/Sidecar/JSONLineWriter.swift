// JSONLineWriter: encodes values as JSON lines and writes them to a file descriptor on its own thread,
// so output formatting overlaps with decoding (two cores: capture + decode on one, output on the other).
// The hand-over queue is bounded; a full queue makes the producer wait.

import Foundation

/// Writes JSON lines for values handed to it, on a background thread, in order.
public final class JSONLineWriter<Value: Sendable>: @unchecked Sendable {
    private let fd: Int32
    private let encode: @Sendable (Value, inout JSONWriter) -> Void
    private let condition = NSCondition()
    private var queue: [[Value]] = []
    private var closed = false
    private var finished = false
    private var writeFailed = false
    private let maxQueuedBatches: Int
    private var pending: [Value] = []
    private let batchSize: Int

    /// - Parameters:
    ///   - fileDescriptor: where lines go (not closed by the writer).
    ///   - batchSize: values handed over together.
    ///   - encode: writes one value as a JSON object (no newline).
    public init(
        fileDescriptor: Int32, batchSize: Int = 64, maxQueuedBatches: Int = 4,
        encode: @escaping @Sendable (Value, inout JSONWriter) -> Void
    ) {
        self.fd = fileDescriptor
        self.encode = encode
        self.batchSize = batchSize
        self.maxQueuedBatches = maxQueuedBatches
        pending.reserveCapacity(batchSize)
        let thread = Thread { [self] in writeLoop() }
        thread.name = "slicewatch-output"
        thread.start()
    }

    /// Queues one value; returns false once the output can no longer be written (e.g. a closed pipe).
    @discardableResult
    public func write(_ value: Value) -> Bool {
        pending.append(value)
        if pending.count >= batchSize { handOver() }
        condition.lock()
        defer { condition.unlock() }
        return !writeFailed
    }

    /// Writes everything queued and waits for the output thread to finish. Returns false if writing failed.
    @discardableResult
    public func close() -> Bool {
        handOver()
        condition.lock()
        closed = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
        return !writeFailed
    }

    private func handOver() {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        condition.lock()
        while queue.count >= maxQueuedBatches && !writeFailed { condition.wait() }
        queue.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    private func writeLoop() {
        var writer = JSONWriter(reserving: 1 << 20)
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty && closed {
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = queue.removeFirst()
            let failed = writeFailed
            condition.broadcast()
            condition.unlock()
            guard !failed else { continue }
            writer.reset()
            for value in batch {
                encode(value, &writer)
                writer.newline()
            }
            if !writeAll(writer.bytes) {
                condition.lock()
                writeFailed = true
                condition.broadcast()
                condition.unlock()
            }
        }
    }

    private func writeAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
    }
}
