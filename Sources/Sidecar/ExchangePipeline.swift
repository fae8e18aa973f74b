// ExchangePipeline: frames in, paired HTTP exchanges out, on the caller's thread. Composes SegmentStage
// (FrameDecoder -> Reassembler) with HTTPConnectionTracker; pure (time comes from packet timestamps),
// so tests and replays drive it directly. CaptureRunner runs the same two halves on two threads.

import HTTPStream
import Reassembly
import Wire

/// The decoding half of slicewatch for one capture: link layer to HTTP exchanges.
public struct ExchangePipeline: Sendable {
    public private(set) var segments: SegmentStage
    public private(set) var tracker: HTTPConnectionTracker
    private var events: [StreamEvent] = []
    private var exchanges: [HTTPExchange] = []

    public init(linkType: LinkType, reassembly: ReassemblyLimits = .init(), http: HTTPLimits = .init()) {
        segments = SegmentStage(linkType: linkType, limits: reassembly)
        tracker = HTTPConnectionTracker(limits: http)
    }

    public var decoder: FrameDecoder { segments.decoder }
    public var reassembler: Reassembler { segments.reassembler }
    public var now: Timestamp { segments.now }

    /// Feeds one captured frame; calls `emit` for every exchange it completes.
    public mutating func process(frame: ArraySlice<UInt8>, at time: Timestamp, _ emit: (HTTPExchange) -> Void) {
        segments.process(frame: frame, at: time, into: &events)
        drain(emit)
    }

    /// Lets packet time pass without a packet (live capture idle periods): expires idle connections.
    public mutating func advance(to time: Timestamp, _ emit: (HTTPExchange) -> Void) {
        segments.advance(to: time, into: &events)
        drain(emit)
    }

    /// End of capture: flushes every connection and emits what is left.
    public mutating func finish(_ emit: (HTTPExchange) -> Void) {
        segments.finish(into: &events)
        drain(emit)
        tracker.finish(into: &exchanges)
        for e in exchanges { emit(e) }
        exchanges.removeAll(keepingCapacity: true)
    }

    private mutating func drain(_ emit: (HTTPExchange) -> Void) {
        guard !events.isEmpty else { return }
        tracker.handle(events, into: &exchanges)
        events.removeAll(keepingCapacity: true)
        for e in exchanges { emit(e) }
        exchanges.removeAll(keepingCapacity: true)
    }
}

extension HTTPConnectionTracker {
    /// Handles a run of stream events in order.
    public mutating func handle(_ events: [StreamEvent], into exchanges: inout [HTTPExchange]) {
        for event in events { handle(event, into: &exchanges) }
    }
}
