// PcapScript: scripts a capture file segment by segment — each segment framed for the chosen link
// layer and stamped with an advancing packet time — for end-to-end tests and generated fixtures.

import Wire

/// Builds a pcap file from TCP segments in the order they are added.
public struct PcapScript: Sendable {
    public var builder: FrameBuilder
    public private(set) var writer: PcapFileWriter
    /// The timestamp the next packet gets.
    public var time: Timestamp
    /// Packet times, in order, of every segment added so far.
    public private(set) var times: [Timestamp] = []

    public init(builder: FrameBuilder = FrameBuilder(), snaplen: Int = 262_144, start: Timestamp = .seconds(1_700_000_000)) {
        self.builder = builder
        self.writer = PcapFileWriter(linkType: builder.linkType, snaplen: snaplen)
        self.time = start
    }

    /// Adds one segment at the current time, then advances the clock by `gap`.
    public mutating func add(_ segment: TCPSegment, gap: Duration = .milliseconds(1)) {
        writer.append(builder.frame(segment), at: time)
        times.append(time)
        time = time + gap
    }

    public mutating func add(_ segments: [TCPSegment], gap: Duration = .milliseconds(1)) {
        for s in segments { add(s, gap: gap) }
    }

    public var bytes: [UInt8] { writer.bytes }

    public func write(to path: String) throws { try writer.write(to: path) }
}
