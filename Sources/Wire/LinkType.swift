// LinkType: the link layers slicewatch decodes, by libpcap DLT / LINKTYPE number.

/// A capture's link-layer header type (libpcap `DLT_*` values as returned by `pcap_datalink`).
public enum LinkType: Sendable, Hashable, CustomStringConvertible {
    /// Ethernet II, with optional 802.1Q / 802.1ad (QinQ) tags. Linux `lo` uses it too.
    case ethernet
    /// BSD loopback: 4-byte address family in the capturing host's byte order.
    case null
    /// OpenBSD loopback: 4-byte address family in network byte order.
    case loop
    /// Raw IP, version from the first nibble.
    case raw
    /// Raw IPv4 only.
    case ipv4
    /// Raw IPv6 only.
    case ipv6
    /// Linux cooked capture v1 (`-i any` on older libpcap).
    case linuxSLL
    /// Linux cooked capture v2 (`-i any` on libpcap >= 1.10).
    case linuxSLL2

    /// Maps a libpcap link-type number; nil when slicewatch cannot decode it.
    public init?(dlt: Int32) {
        switch dlt {
        case 1: self = .ethernet
        case 0: self = .null
        case 108: self = .loop
        case 12, 14, 101: self = .raw  // DLT_RAW is 12 on most systems, 14 on OpenBSD; LINKTYPE_RAW is 101
        case 228: self = .ipv4
        case 229: self = .ipv6
        case 113: self = .linuxSLL
        case 276: self = .linuxSLL2
        default: return nil
        }
    }

    /// The LINKTYPE_ number written into pcap file headers.
    public var linkTypeNumber: UInt32 {
        switch self {
        case .ethernet: 1
        case .null: 0
        case .loop: 108
        case .raw: 101
        case .ipv4: 228
        case .ipv6: 229
        case .linuxSLL: 113
        case .linuxSLL2: 276
        }
    }

    public var description: String {
        switch self {
        case .ethernet: "EN10MB"
        case .null: "NULL"
        case .loop: "LOOP"
        case .raw: "RAW"
        case .ipv4: "IPV4"
        case .ipv6: "IPV6"
        case .linuxSLL: "LINUX_SLL"
        case .linuxSLL2: "LINUX_SLL2"
        }
    }
}
