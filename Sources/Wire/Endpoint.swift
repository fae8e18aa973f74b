// Endpoint, IPAddress and FlowKey: who talks to whom. FlowKey is direction-free (canonical order)
// so both directions of a TCP connection land on the same key.

/// An IPv4 or IPv6 address stored in 128 bits (IPv4 as ::ffff:a.b.c.d).
public struct IPAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// An IPv4 address from its four octets in network order packed into a UInt32 (a.b.c.d = 0xaabbccdd).
    public init(ipv4 value: UInt32) {
        self.high = 0
        self.low = 0x0000_ffff_0000_0000 | UInt64(value)
    }

    public init(ipv4 a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        self.init(ipv4: UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d))
    }

    /// An IPv6 address from 16 bytes in network order.
    public init(ipv6 bytes: some Collection<UInt8>) {
        precondition(bytes.count == 16, "IPv6 address needs 16 bytes")
        var h: UInt64 = 0
        var l: UInt64 = 0
        for (i, b) in bytes.enumerated() {
            if i < 8 { h = h << 8 | UInt64(b) } else { l = l << 8 | UInt64(b) }
        }
        self.high = h
        self.low = l
    }

    public var isIPv4: Bool { high == 0 && (low >> 32) == 0xffff }

    /// Dotted-quad text (and `:port`) of an IPv4 address, written in place (endpoints are described once per
    /// interaction); nil for IPv6.
    func ipv4Text(port: UInt16?) -> String? {
        guard isIPv4 else { return nil }
        let v = UInt32(truncatingIfNeeded: low)
        // Written on the stack, then copied: most results fit a small (inline) String, which a String made with
        // room for the longest (21 bytes) would not be.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 21) { out in
            var n = 0
            func put(_ x: UInt32) {
                var divisor: UInt32 = 1
                while divisor * 10 <= x { divisor *= 10 }
                repeat {
                    out[n] = UInt8(48 + x / divisor % 10)
                    n += 1
                    divisor /= 10
                } while divisor > 0
            }
            func put(ascii c: Unicode.Scalar) {
                out[n] = UInt8(ascii: c)
                n += 1
            }
            put(v >> 24)
            for shift: UInt32 in [16, 8, 0] {
                put(ascii: ".")
                put(v >> shift & 0xff)
            }
            if let port {
                put(ascii: ":")
                put(UInt32(port))
            }
            return String(decoding: UnsafeBufferPointer(rebasing: out[..<n]), as: UTF8.self)
        }
    }

    public static func < (a: IPAddress, b: IPAddress) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }

    public var description: String {
        if let text = ipv4Text(port: nil) { return text }
        var groups: [UInt16] = []
        for i in stride(from: 48, through: 0, by: -16) { groups.append(UInt16(truncatingIfNeeded: high >> UInt64(i))) }
        for i in stride(from: 48, through: 0, by: -16) { groups.append(UInt16(truncatingIfNeeded: low >> UInt64(i))) }
        // RFC 5952: compress the longest run (length >= 2) of zero groups.
        var bestStart = -1
        var bestLen = 0
        var i = 0
        while i < 8 {
            if groups[i] == 0 {
                var j = i
                while j < 8 && groups[j] == 0 { j += 1 }
                if j - i > bestLen && j - i >= 2 {
                    bestStart = i
                    bestLen = j - i
                }
                i = j
            } else {
                i += 1
            }
        }
        func hex(_ r: ArraySlice<UInt16>) -> String { r.map { String($0, radix: 16) }.joined(separator: ":") }
        if bestStart < 0 { return hex(groups[...]) }
        return hex(groups[0..<bestStart]) + "::" + hex(groups[(bestStart + bestLen)...])
    }
}

/// An IP address and TCP port.
public struct Endpoint: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var address: IPAddress
    public var port: UInt16

    public init(address: IPAddress, port: UInt16) {
        self.address = address
        self.port = port
    }

    public static func < (a: Endpoint, b: Endpoint) -> Bool {
        a.address != b.address ? a.address < b.address : a.port < b.port
    }

    public var description: String {
        address.ipv4Text(port: port) ?? "[\(address)]:\(port)"
    }
}

/// A direction-free connection key: the two endpoints in canonical (sorted) order.
public struct FlowKey: Hashable, Sendable, CustomStringConvertible {
    /// The lower endpoint.
    public var lower: Endpoint
    /// The higher endpoint.
    public var higher: Endpoint

    public init(_ x: Endpoint, _ y: Endpoint) {
        if x < y {
            lower = x
            higher = y
        } else {
            lower = y
            higher = x
        }
    }

    public var description: String { "\(lower)<->\(higher)" }
}
