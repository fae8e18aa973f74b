// FNV1a: the 64-bit FNV-1a hash used to fingerprint system prompts (Interaction.systemPromptHash)
// without storing their text. Shared by every adapter.

/// FNV-1a 64-bit hash of the string's UTF-8 bytes, as 16 lowercase hex digits.
public func fnv1a64Hex(_ s: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in s.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}
