// PcapFileWriter: writes classic pcap files (microsecond or nanosecond timestamps) from frames, so tests
// can hand real files to libpcap, including snaplen-cut records and deliberately truncated files.

import Foundation
import Wire

/// Accumulates a classic pcap file in memory and writes it out.
public struct PcapFileWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    public let snaplen: Int
    public let nanosecond: Bool

    public init(linkType: LinkType, snaplen: Int = 262_144, nanosecond: Bool = false) {
        self.snaplen = snaplen
        self.nanosecond = nanosecond
        bytes += le32(nanosecond ? 0xa1b2_3c4d : 0xa1b2_c3d4)
        bytes += le16(2) + le16(4) + le32(0) + le32(0) + le32(UInt32(snaplen)) + le32(linkType.linkTypeNumber)
    }

    /// Appends one record; the frame is cut to the snapshot length like a real capture would.
    public mutating func append(_ frame: [UInt8], at time: Timestamp) {
        let captured = min(frame.count, snaplen)
        let seconds = UInt32(truncatingIfNeeded: time.nanoseconds / 1_000_000_000)
        let fraction = time.nanoseconds % 1_000_000_000
        let sub = UInt32(nanosecond ? fraction : fraction / 1000)
        bytes += le32(seconds) + le32(sub) + le32(UInt32(captured)) + le32(UInt32(frame.count))
        bytes += frame[0..<captured]
    }

    public func write(to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}

@inline(__always) func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xff), UInt8(v >> 8)] }
@inline(__always) func le32(_ v: UInt32) -> [UInt8] {
    [UInt8(v & 0xff), UInt8((v >> 8) & 0xff), UInt8((v >> 16) & 0xff), UInt8(v >> 24)]
}
