// PacketBatch: packets handed from the capture thread to the pipeline in one allocation: all frames'
// bytes in one buffer, with per-packet ranges and timestamps.

import Wire

/// A run of captured packets sharing one byte buffer.
public struct PacketBatch: Sendable {
    /// The captured bytes of every packet, back to back.
    public private(set) var storage: [UInt8] = []
    /// Each packet's range in `storage`.
    public private(set) var ranges: [Range<Int>] = []
    /// Each packet's capture timestamp.
    public private(set) var timestamps: [Timestamp] = []
    /// Each packet's length on the wire (may exceed its captured length under snaplen).
    public private(set) var wireLengths: [Int] = []

    /// Set on the empty batches an idle live capture hands over about once a second: the wall-clock time,
    /// so the pipeline can expire idle connections while no packet arrives. Nil for packet batches.
    public var tick: Timestamp?

    public init(reservingBytes: Int = 0, packets: Int = 0) {
        storage.reserveCapacity(reservingBytes)
        ranges.reserveCapacity(packets)
        timestamps.reserveCapacity(packets)
        wireLengths.reserveCapacity(packets)
    }

    public var count: Int { ranges.count }
    public var byteCount: Int { storage.count }
    public var isEmpty: Bool { ranges.isEmpty }

    /// The captured bytes of packet `i`, as a slice of the shared buffer.
    public func frame(_ i: Int) -> ArraySlice<UInt8> { storage[ranges[i]] }

    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, wireLength: Int, at time: Timestamp) {
        let start = storage.count
        storage.append(contentsOf: bytes)
        ranges.append(start..<storage.count)
        timestamps.append(time)
        wireLengths.append(wireLength)
    }
}
