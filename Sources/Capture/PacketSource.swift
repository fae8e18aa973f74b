// PacketSource: a capture running on its own thread. It reads a file or a live interface with
// libpcap into batches and hands them over through a queue bounded in bytes. A live capture never
// blocks on the pipeline (a full queue drops the batch, counted); a file read waits instead.

import CPcap
import Foundation
import Synchronization
import Wire

/// Where packets come from.
public enum CaptureTarget: Sendable, Equatable, CustomStringConvertible {
    case file(String)
    case interface(String)

    public var description: String {
        switch self {
        case .file(let path): "file \(path)"
        case .interface(let name): "interface \(name)"
        }
    }
}

/// How the source batches and queues packets.
public struct PacketSourceOptions: Sendable, Equatable {
    /// BPF filter expression applied in libpcap (kernel-side for live captures).
    public var filter: String?
    /// Live capture handle settings.
    public var live = LiveCaptureOptions()
    /// Bytes queued between the capture thread and the pipeline at most.
    public var queueBytes = 16 << 20
    /// A batch is handed over when it holds this many bytes...
    public var batchBytes = 256 << 10
    /// ...or this many packets...
    public var batchPackets = 1024
    /// ...or (live) when its first packet is this old.
    public var batchLatencyMilliseconds = 20

    public init(filter: String? = nil) { self.filter = filter }
}

/// A running capture: call `start()`, then `next()` until it returns nil.
public final class PacketSource: @unchecked Sendable {
    public let target: CaptureTarget
    public let linkType: LinkType
    private let handle: PcapHandle
    private let options: PacketSourceOptions
    private let condition = NSCondition()
    // Guarded by `condition`:
    private var queue: [PacketBatch] = []
    private var queueHead = 0
    private var queuedBytes = 0
    private var finished = false
    /// Set by `stop()`. Atomic, not guarded by `condition`: the capture loop checks it for every packet, and
    /// taking the lock the consumer waits on each time cost about 2% of a replay in contention. It is still set
    /// under the lock, before the broadcast, so a reader waiting on `condition` cannot miss it.
    private let stopRequested = Atomic<Bool>(false)
    private var stats = CaptureStatistics()
    private var error: CaptureError?
    private var thread: Thread?

    /// Opens the file or interface and installs the filter; the capture starts with `start()`.
    public init(_ target: CaptureTarget, options: PacketSourceOptions = .init()) throws {
        self.target = target
        self.options = options
        switch target {
        case .file(let path): handle = try PcapHandle.openFile(path)
        case .interface(let name): handle = try PcapHandle.openInterface(name, options: options.live)
        }
        linkType = handle.linkType
        if let filter = options.filter, !filter.isEmpty { try handle.setFilter(filter) }
    }

    /// Starts the capture thread.
    public func start() {
        let thread = Thread { [self] in captureLoop() }
        thread.name = "slicewatch-capture"
        thread.stackSize = 1 << 20
        self.thread = thread
        thread.start()
    }

    /// The next batch, waiting for one; nil when the capture has ended and the queue is empty.
    public func next() -> PacketBatch? {
        condition.lock()
        defer { condition.unlock() }
        while queueHead == queue.count && !finished { condition.wait() }
        guard queueHead < queue.count else { return nil }
        let batch = queue[queueHead]
        queue[queueHead] = PacketBatch()
        queueHead += 1
        if queueHead > 64 && queueHead * 2 > queue.count {
            queue.removeFirst(queueHead)
            queueHead = 0
        }
        queuedBytes -= batch.byteCount
        condition.broadcast()
        return batch
    }

    /// Asks the capture to stop; `next()` drains what is queued, then returns nil. Safe from any thread.
    public func stop() {
        condition.lock()
        stopRequested.store(true, ordering: .releasing)
        condition.broadcast()
        condition.unlock()
        pcap_breakloop(handle.pcap)
    }

    /// Counters so far.
    public var statistics: CaptureStatistics {
        condition.lock()
        defer { condition.unlock() }
        return stats
    }

    /// Why the capture ended early (a truncated file, a read error), if it did.
    public var endError: CaptureError? {
        condition.lock()
        defer { condition.unlock() }
        return error
    }

    // MARK: capture thread

    private func captureLoop() {
        let nanoseconds = handle.nanosecondTimestamps
        var batch = newBatch()
        var batchStarted: UInt64 = 0
        var lastStatsPoll: UInt64 = 0
        var lastKernel = handle.kernelStatistics()
        var lastTick = monotonicNanoseconds()
        let latency = UInt64(options.batchLatencyMilliseconds) * 1_000_000
        var ending: CaptureError?
        loop: while true {
            if isStopRequested() { break }
            switch handle.read(into: &batch, nanoseconds: nanoseconds) {
            case .packet:
                if batch.count == 1 && handle.isLive { batchStarted = monotonicNanoseconds() }
                if batch.byteCount >= options.batchBytes || batch.count >= options.batchPackets {
                    hand(&batch)
                } else if handle.isLive && monotonicNanoseconds() &- batchStarted >= latency {
                    hand(&batch)
                }
            case .timeout:
                if !batch.isEmpty {
                    hand(&batch)
                } else if handle.isLive {
                    let now = monotonicNanoseconds()
                    if now &- lastTick >= 1_000_000_000 {
                        lastTick = now
                        var tick = PacketBatch()
                        tick.tick = wallClock()
                        hand(&tick)
                    }
                }
            case .end:
                break loop
            case .failed(let e):
                ending = e
                break loop
            }
            if handle.isLive {
                let now = monotonicNanoseconds()
                if now &- lastStatsPoll >= 1_000_000_000 {
                    lastStatsPoll = now
                    pollKernelStatistics(&lastKernel)
                }
            }
        }
        if !batch.isEmpty { hand(&batch) }
        pollKernelStatistics(&lastKernel)
        condition.lock()
        error = ending
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private func newBatch() -> PacketBatch {
        PacketBatch(reservingBytes: options.batchBytes + Int(options.live.snaplen), packets: options.batchPackets)
    }

    private func isStopRequested() -> Bool { stopRequested.load(ordering: .acquiring) }

    /// Queues a full batch: waits for room when reading a file, drops it (counted) when live.
    private func hand(_ batch: inout PacketBatch) {
        let full = batch
        batch = full.tick == nil ? newBatch() : PacketBatch()
        condition.lock()
        defer { condition.unlock() }
        if handle.isLive {
            if queuedBytes + full.byteCount > options.queueBytes {
                stats.queueDropped &+= UInt64(full.count)
                return
            }
        } else {
            // A file waits instead of dropping, so a few batches in flight keep both threads busy.
            let limit = min(options.queueBytes, 4 * options.batchBytes)
            while queuedBytes > 0 && queuedBytes + full.byteCount > limit && !isStopRequested() {
                condition.wait()
            }
        }
        stats.packets &+= UInt64(full.count)
        stats.bytes &+= UInt64(full.byteCount)
        queuedBytes += full.byteCount
        queue.append(full)
        condition.broadcast()
    }

    private func pollKernelStatistics(_ last: inout pcap_stat?) {
        guard let old = last, let new = handle.kernelStatistics() else { return }
        condition.lock()
        stats.addKernelDeltas(
            received: (old.ps_recv, new.ps_recv), dropped: (old.ps_drop, new.ps_drop),
            ifDropped: (old.ps_ifdrop, new.ps_ifdrop))
        condition.unlock()
        last = new
    }
}

private func monotonicNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
}

/// The current wall-clock time, the clock live packet timestamps use.
private func wallClock() -> Timestamp {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Timestamp(nanoseconds: Int64(ts.tv_sec) &* 1_000_000_000 &+ Int64(ts.tv_nsec))
}
