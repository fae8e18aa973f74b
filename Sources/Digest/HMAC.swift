// HMAC: keyed-hash message authentication (RFC 2104) over SHA-256; signs webhook bodies so a receiver can check
// that an alert came from its slicewatch and was not altered.

/// HMAC-SHA256 (RFC 2104 with SHA-256, block size 64 bytes, as in RFC 4231).
public enum HMAC {
    /// The 32-byte HMAC-SHA256 of `message` under `key`. Keys longer than the 64-byte block are hashed first.
    public static func sha256(key: some Sequence<UInt8>, message: some Sequence<UInt8>) -> [UInt8] {
        var block = Array(key)
        if block.count > 64 { block = SHA256.digest(block) }
        block += [UInt8](repeating: 0, count: 64 - block.count)
        let inner = SHA256.digest(block.map { $0 ^ 0x36 } + Array(message))
        return SHA256.digest(block.map { $0 ^ 0x5c } + inner)
    }

    /// `sha256(key:message:)` as lowercase hex (64 characters).
    public static func sha256Hex(key: some Sequence<UInt8>, message: some Sequence<UInt8>) -> String {
        Hex.encode(sha256(key: key, message: message))
    }

    /// Compares two MACs in time independent of where they differ (for receivers verifying a signature).
    public static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
