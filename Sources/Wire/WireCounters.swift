// WireCounters: what the frame decoder saw and skipped. Nothing is dropped without a count.

/// Counts of decoded and skipped frames, by reason.
public struct WireCounters: Sendable, Equatable {
    public var frames: UInt64 = 0
    public var tcpSegments: UInt64 = 0
    public var ipv4Packets: UInt64 = 0
    public var ipv6Packets: UInt64 = 0
    public var vlanTagged: UInt64 = 0
    /// Frames whose link layer carries something other than IP (ARP, LLDP, ...).
    public var nonIP: UInt64 = 0
    /// IP packets carrying something other than TCP (UDP, ICMP, ...).
    public var nonTCP: UInt64 = 0
    /// IPv4 or IPv6 fragments: counted and skipped, not reassembled.
    public var fragments: UInt64 = 0
    /// Frames too short or with inconsistent headers.
    public var malformed: UInt64 = 0
    /// TCP segments whose payload was cut short by the snapshot length.
    public var snaplenTruncated: UInt64 = 0

    public init() {}
}
