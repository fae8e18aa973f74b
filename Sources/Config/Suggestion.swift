// Suggestion: "did you mean ...?" for unknown keys, fields, variables and flags — the closest known name by edit
// distance, when it is close enough to be a likely typo.

enum Suggestion {
    /// The candidate closest to `name` (case-insensitive Levenshtein distance), when within a third of its length
    /// (at least 2 edits); a candidate whose last dotted part equals `name` wins outright (`interface` ->
    /// `capture.interface`).
    static func closest(to name: String, among candidates: [String]) -> String? {
        let lowered = name.lowercased()
        if let exactLeaf = candidates.first(where: { $0.split(separator: ".").last.map(String.init)?.lowercased() == lowered }) {
            return exactLeaf
        }
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(lowered, candidate.lowercased())
            if d < (best?.1 ?? Int.max) { best = (candidate, d) }
        }
        guard let best, best.1 <= max(2, name.count / 3) else { return nil }
        return best.0
    }

    /// "did you mean X?; allowed: a, b, c" (the listing only when given and short enough to help).
    static func text(for name: String, among candidates: [String], listing: [String]? = nil) -> String {
        var parts: [String] = []
        if let match = closest(to: name, among: candidates) { parts.append("did you mean \(match)?") }
        if let listing, !listing.isEmpty, listing.count <= 30 { parts.append("allowed: " + listing.joined(separator: ", ")) }
        return parts.isEmpty ? "see `slicewatch config reference`" : parts.joined(separator: "; ")
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
