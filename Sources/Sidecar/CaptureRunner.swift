// CaptureRunner: runs one capture end to end on three threads — the PacketSource's capture thread,
// a segment thread (frames -> reassembled stream events) and the caller's thread (HTTP parsing and
// pairing -> exchanges, handed to `emit`) — joined by bounded hand-offs. Returns the summary.
// Stop it from any thread.

import Capture
import Foundation
import HTTPStream
import Reassembly
import Wire

/// Settings of a capture run.
public struct CaptureRunOptions: Sendable {
    public var source = PacketSourceOptions()
    public var reassembly = ReassemblyLimits()
    public var http = HTTPLimits()
    /// Event batches queued between the segment thread and the HTTP thread.
    public var queuedEventBatches = 8

    public init() {}
}

/// Drives a capture from source to exchanges.
public final class CaptureRunner: @unchecked Sendable {
    public let source: PacketSource
    private let options: CaptureRunOptions

    /// Opens the file or interface (throws CaptureError with a clear message when it cannot).
    public init(_ target: CaptureTarget, options: CaptureRunOptions = .init()) throws {
        self.options = options
        self.source = try PacketSource(target, options: options.source)
    }

    /// Counters published by the running stages (once per batch), for `snapshot()`.
    private let live = LiveCounters()

    /// The counters so far of a run in progress (the capture's own, decoding, reassembly, HTTP), from any
    /// thread: what a long-running sidecar exports as metrics.
    public func snapshot() -> CaptureSummary {
        var summary = CaptureSummary(target: source.target, linkType: source.linkType)
        summary.capture = source.statistics
        live.read { wire, reassembly, http, exchanges in
            summary.wire = wire
            summary.reassembly = reassembly
            summary.http = http
            summary.exchanges = exchanges
        }
        return summary
    }

    /// Asks the run to end; `run` returns after draining what was captured.
    public func stop() { source.stop() }

    /// Runs until the file ends or `stop()` is called; `emit` gets every exchange, in order of completion.
    public func run(_ emit: (HTTPExchange) -> Void) -> CaptureSummary {
        let started = Date()
        let handOff = HandOff<[StreamEvent]>(capacity: options.queuedEventBatches)
        let segmentResult = Rendezvous<SegmentStage>()
        let source = self.source
        let limits = options.reassembly
        let live = self.live
        source.start()
        let segmentThread = Thread {
            var stage = SegmentStage(linkType: source.linkType, limits: limits)
            while let batch = source.next() {
                var events: [StreamEvent] = []
                if let tick = batch.tick {
                    // An idle live capture: let packet time pass so idle connections expire.
                    stage.advance(to: tick, into: &events)
                    if !events.isEmpty { handOff.put(events) }
                    continue
                }
                events.reserveCapacity(batch.count)
                for i in 0..<batch.count {
                    stage.process(frame: batch.frame(i), at: batch.timestamps[i], into: &events)
                }
                live.publish(wire: stage.decoder.counters, reassembly: stage.reassembler.counters)
                if !events.isEmpty { handOff.put(events) }
            }
            var last: [StreamEvent] = []
            stage.finish(into: &last)
            handOff.put(last)
            segmentResult.set(stage)
            handOff.close()
        }
        segmentThread.name = "slicewatch-segments"
        segmentThread.start()

        var tracker = HTTPConnectionTracker(limits: options.http)
        var exchanges: [HTTPExchange] = []
        var count: UInt64 = 0
        while let events = handOff.take() {
            tracker.handle(events, into: &exchanges)
            exchanges.forEachInPlace { emit($1) }
            count += UInt64(exchanges.count)
            exchanges.removeAll(keepingCapacity: true)
            live.publish(http: tracker.counters, exchanges: count)
        }
        tracker.finish(into: &exchanges)
        exchanges.forEachInPlace { emit($1) }
        count += UInt64(exchanges.count)

        let stage = segmentResult.value
        var summary = CaptureSummary(target: source.target, linkType: source.linkType)
        summary.capture = source.statistics
        summary.wire = stage.decoder.counters
        summary.reassembly = stage.reassembler.counters
        summary.http = tracker.counters
        summary.exchanges = count
        summary.endError = source.endError
        summary.elapsedSeconds = Date().timeIntervalSince(started)
        return summary
    }
}

/// Counters handed from the pipeline's threads to whoever asks for a snapshot.
final class LiveCounters: @unchecked Sendable {
    private let lock = NSLock()
    private var wire = WireCounters()
    private var reassembly = ReassemblyCounters()
    private var http = HTTPCounters()
    private var exchanges: UInt64 = 0

    func publish(wire: WireCounters, reassembly: ReassemblyCounters) {
        lock.lock()
        self.wire = wire
        self.reassembly = reassembly
        lock.unlock()
    }

    func publish(http: HTTPCounters, exchanges: UInt64) {
        lock.lock()
        self.http = http
        self.exchanges = exchanges
        lock.unlock()
    }

    func read(_ body: (WireCounters, ReassemblyCounters, HTTPCounters, UInt64) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        body(wire, reassembly, http, exchanges)
    }
}
