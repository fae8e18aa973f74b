// ExchangePipeline: frames in, paired HTTP exchanges out. Composes FrameDecoder -> Reassembler ->
// HTTPConnectionTracker for one capture; pure (time comes from packet timestamps), so tests and
// replays drive it directly.

import HTTPStream
import Reassembly
import Wire

/// The decoding half of slicewatch for one capture: link layer to HTTP exchanges.
public struct ExchangePipeline: Sendable {
    public private(set) var decoder: FrameDecoder
    public private(set) var reassembler: Reassembler
    public private(set) var tracker: HTTPConnectionTracker
    private var events: [StreamEvent] = []
    private var exchanges: [HTTPExchange] = []
    /// The latest packet time seen; packet times that go backwards are clamped to it.
    public private(set) var now = Timestamp.zero

    public init(linkType: LinkType, reassembly: ReassemblyLimits = .init(), http: HTTPLimits = .init()) {
        decoder = FrameDecoder(linkType: linkType)
        reassembler = Reassembler(limits: reassembly)
        tracker = HTTPConnectionTracker(limits: http)
        events.reserveCapacity(16)
        exchanges.reserveCapacity(16)
    }

    /// Feeds one captured frame; calls `emit` for every exchange it completes.
    public mutating func process(frame: ArraySlice<UInt8>, at time: Timestamp, _ emit: (HTTPExchange) -> Void) {
        if time > now { now = time }
        guard let segment = decoder.decode(frame) else { return }
        reassembler.process(segment, at: now, into: &events)
        drain(emit)
    }

    /// Lets packet time pass without a packet (live capture idle periods): expires idle connections.
    public mutating func advance(to time: Timestamp, _ emit: (HTTPExchange) -> Void) {
        if time > now { now = time }
        reassembler.advanceTime(to: now, into: &events)
        drain(emit)
    }

    /// End of capture: flushes every connection and emits what is left.
    public mutating func finish(_ emit: (HTTPExchange) -> Void) {
        reassembler.finish(at: now, into: &events)
        drain(emit)
        tracker.finish(into: &exchanges)
        for e in exchanges { emit(e) }
        exchanges.removeAll(keepingCapacity: true)
    }

    private mutating func drain(_ emit: (HTTPExchange) -> Void) {
        guard !events.isEmpty else { return }
        for event in events { tracker.handle(event, into: &exchanges) }
        events.removeAll(keepingCapacity: true)
        for e in exchanges { emit(e) }
        exchanges.removeAll(keepingCapacity: true)
    }
}
