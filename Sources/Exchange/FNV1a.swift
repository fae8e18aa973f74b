// FNV1a: the 64-bit FNV-1a hash used to fingerprint system prompts (Interaction.systemPromptHash)
// without storing their text. Shared by every adapter. An agent sends the same system prompt with every
// request, and FNV-1a is one multiply per byte in series, so the last few long prompts' hashes are remembered
// (a RecentTexts, process-wide behind a lock; a hit costs a memcmp).

import Hashing
import Synchronization

/// Recent long system prompts and their hashes; shorter texts hash as fast as they compare.
private let recentPromptHashes = Mutex(RecentTexts<String>(minBytes: 128, maxBytes: 64 * 1024, capacity: 4))

/// FNV-1a 64-bit hash of the string's UTF-8 bytes, as 16 lowercase hex digits.
public func fnv1a64Hex(_ s: String) -> String {
    var remembered = false
    let known = recentPromptHashes.withLock { memo -> String? in
        remembered = memo.keeps(s)
        return remembered ? memo.value(for: s) : nil
    }
    if let known { return known }
    let hex = String(StableHash.fnv1a64(s), radix: 16)
    let padded = String(repeating: "0", count: 16 - hex.count) + hex
    if remembered { recentPromptHashes.withLock { $0.remember(s, padded) } }
    return padded
}
