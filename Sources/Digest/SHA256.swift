// SHA256: a small FIPS 180-4 SHA-256: names model weights and eval sets by content; HMAC signatures build on
// it. Linux has no CryptoKit and the package has no crypto dependency; it works on raw pointers to stay fast.

/// SHA-256 (FIPS 180-4) of a byte buffer, as raw bytes or a lowercase hex string; names model weights by content.
public enum SHA256 {
    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    /// The digest of `bytes` as a lowercase hex string. `progress`, when given, is called with the number of bytes
    /// hashed so far after every MiB (so a caller hashing a memory-mapped file can let the kernel drop the pages
    /// already read).
    public static func hex(_ bytes: UnsafeRawBufferPointer, progress: ((Int) -> Void)? = nil) -> String {
        state(bytes, progress: progress).map { word in
            let s = String(word, radix: 16)
            return String(repeating: "0", count: 8 - s.count) + s
        }.joined()
    }

    /// The raw 32-byte digest of `bytes`.
    public static func digest(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for word in state(bytes, progress: nil) {
            out += [UInt8(truncatingIfNeeded: word >> 24), UInt8(truncatingIfNeeded: word >> 16),
                    UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word)]
        }
        return out
    }

    /// The raw 32-byte digest of a byte sequence (e.g. `Array(text.utf8)`, `text.utf8`).
    public static func digest(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        Array(bytes).withUnsafeBytes { digest($0) }
    }

    /// The eight state words after hashing `bytes` (the digest, big-endian word by word).
    private static func state(_ bytes: UnsafeRawBufferPointer, progress: ((Int) -> Void)?) -> [UInt32] {
        var h: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        var w = [UInt32](repeating: 0, count: 64)
        let fullBlocks = bytes.count / 64
        k.withUnsafeBufferPointer { k in
            w.withUnsafeMutableBufferPointer { w in
                h.withUnsafeMutableBufferPointer { h in
                    for block in 0..<fullBlocks {
                        compress(UnsafeRawBufferPointer(rebasing: bytes[(block * 64)..<(block * 64 + 64)]), k, w, h)
                        if let progress, (block + 1) % 16384 == 0 { progress((block + 1) * 64) }
                    }
                    // Padding: 0x80, zeros, then the bit length as a big-endian UInt64 (one or two blocks).
                    var tail = [UInt8](bytes[(fullBlocks * 64)...])
                    tail.append(0x80)
                    while tail.count % 64 != 56 { tail.append(0) }
                    let bits = UInt64(bytes.count) &* 8
                    for i in (0..<8).reversed() { tail.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt64(i)))) }
                    tail.withUnsafeBytes { t in
                        for block in 0..<(t.count / 64) {
                            compress(UnsafeRawBufferPointer(rebasing: t[(block * 64)..<(block * 64 + 64)]), k, w, h)
                        }
                    }
                }
            }
        }
        return h
    }

    private static func compress(_ block: UnsafeRawBufferPointer, _ k: UnsafeBufferPointer<UInt32>,
                                 _ w: UnsafeMutableBufferPointer<UInt32>, _ h: UnsafeMutableBufferPointer<UInt32>) {
        for i in 0..<16 { w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)) }
        for i in 16..<64 {
            // Rotations are spelled out with masking shifts: debug builds (tests) neither inline nor elide checks.
            let x = w[i - 15], y = w[i - 2]
            let s0 = (x &>> 7 | x &<< 25) ^ (x &>> 18 | x &<< 14) ^ (x &>> 3)
            let s1 = (y &>> 17 | y &<< 15) ^ (y &>> 19 | y &<< 13) ^ (y &>> 10)
            w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
        }
        var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7]
        for i in 0..<64 {
            let sigma1 = (e &>> 6 | e &<< 26) ^ (e &>> 11 | e &<< 21) ^ (e &>> 25 | e &<< 7)
            let sigma0 = (a &>> 2 | a &<< 30) ^ (a &>> 13 | a &<< 19) ^ (a &>> 22 | a &<< 10)
            let t1 = hh &+ sigma1 &+ ((e & f) ^ (~e & g)) &+ k[i] &+ w[i]
            let t2 = sigma0 &+ ((a & b) ^ (a & c) ^ (b & c))
            hh = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ t2
        }
        h[0] &+= a; h[1] &+= b; h[2] &+= c; h[3] &+= d; h[4] &+= e; h[5] &+= f; h[6] &+= g; h[7] &+= hh
    }
}
