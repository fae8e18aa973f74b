// FNV1a: the 64-bit FNV-1a hash used to fingerprint system prompts (Interaction.systemPromptHash)
// without storing their text. Shared by every adapter.

import Hashing

/// FNV-1a 64-bit hash of the string's UTF-8 bytes, as 16 lowercase hex digits.
public func fnv1a64Hex(_ s: String) -> String {
    let hex = String(StableHash.fnv1a64(s), radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}
