// RequestPath: what adapters match on — the path of a request target (no query, fragment or
// absolute-form `scheme://authority`) and the glob patterns routes and generic APIs are written in.

/// Request-path helpers shared by the registry and generic API configurations.
enum RequestPath {
    /// The path of a request target: without `?query`/`#fragment` and without `scheme://authority`.
    static func path(of target: String) -> String {
        var path = Substring(target)
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
        for scheme in ["http://", "https://"] where path.hasPrefix(scheme) {
            let rest = path.dropFirst(scheme.count)
            path = rest.firstIndex(of: "/").map { rest[$0...] } ?? "/"
        }
        return String(path)
    }

    /// Glob match where `*` matches any run of bytes, "/" included (single-star backtracking).
    static func glob(_ pattern: String, matches text: String) -> Bool {
        let pattern = Array(pattern.utf8)
        let text = Array(text.utf8)
        let star = UInt8(ascii: "*")
        var p = 0
        var t = 0
        var starAt = -1
        var resumeAt = 0
        while t < text.count {
            if p < pattern.count && pattern[p] == star {
                starAt = p
                resumeAt = t
                p += 1
            } else if p < pattern.count && pattern[p] == text[t] {
                p += 1
                t += 1
            } else if starAt >= 0 {
                p = starAt + 1
                resumeAt += 1
                t = resumeAt
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == star { p += 1 }
        return p == pattern.count
    }
}
