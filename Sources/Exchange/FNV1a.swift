// FNV1a: the 64-bit FNV-1a hash used to fingerprint system prompts (Interaction.systemPromptHash)
// without storing their text. Shared by every adapter. An agent sends the same system prompt with every
// request, and FNV-1a is one multiply per byte in series, so the last few long prompts' hashes are remembered
// (process-wide, behind a lock; a hit costs a memcmp).

import Hashing
import Synchronization

/// FNV-1a 64-bit hash of the string's UTF-8 bytes, as 16 lowercase hex digits.
public func fnv1a64Hex(_ s: String) -> String {
    let long = s.utf8.count >= SystemPromptHashes.minBytes && s.utf8.count <= SystemPromptHashes.maxBytes
    if long, let known = SystemPromptHashes.memo.withLock({ $0.first { sameUTF8($0.text, s) }?.hex }) { return known }
    let hex = String(StableHash.fnv1a64(s), radix: 16)
    let padded = String(repeating: "0", count: 16 - hex.count) + hex
    if long { SystemPromptHashes.memo.withLock { SystemPromptHashes.remember(s, padded, in: &$0) } }
    return padded
}

/// The texts and hashes `fnv1a64Hex` remembers.
enum SystemPromptHashes {
    /// Shorter texts hash as fast as they compare; longer ones are not kept.
    static let minBytes = 128
    static let maxBytes = 64 * 1024
    static let capacity = 4

    static let memo = Mutex<[(text: String, hex: String)]>([])

    /// Keeps `text`'s hash, dropping the oldest entry when full.
    static func remember(_ text: String, _ hex: String, in entries: inout [(text: String, hex: String)]) {
        if entries.count >= capacity { entries.removeFirst() }
        entries.append((text, hex))
    }
}
