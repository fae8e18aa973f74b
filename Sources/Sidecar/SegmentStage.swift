// SegmentStage: the packet half of the pipeline — frames to reassembled stream events (FrameDecoder and
// Reassembler). Packet times that go backwards are clamped, so a reordered capture cannot rewind time.

import Reassembly
import Wire

/// Decodes frames and reassembles TCP, appending stream events for the HTTP layer.
public struct SegmentStage: Sendable {
    public private(set) var decoder: FrameDecoder
    public private(set) var reassembler: Reassembler
    /// The latest packet time seen.
    public private(set) var now = Timestamp.zero

    public init(linkType: LinkType, limits: ReassemblyLimits = .init()) {
        decoder = FrameDecoder(linkType: linkType)
        reassembler = Reassembler(limits: limits)
    }

    /// Feeds one captured frame.
    public mutating func process(frame: ArraySlice<UInt8>, at time: Timestamp, into events: inout [StreamEvent]) {
        if time > now { now = time }
        guard let segment = decoder.decode(frame) else { return }
        reassembler.process(segment, at: now, into: &events)
    }

    /// Lets packet time pass without a packet: expires idle connections.
    public mutating func advance(to time: Timestamp, into events: inout [StreamEvent]) {
        if time > now { now = time }
        reassembler.advanceTime(to: now, into: &events)
    }

    /// End of capture: flushes and closes every connection.
    public mutating func finish(into events: inout [StreamEvent]) {
        reassembler.finish(at: now, into: &events)
    }
}
