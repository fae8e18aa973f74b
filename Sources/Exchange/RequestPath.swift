// RequestPath: what adapters match on — the path of a request target (no query, fragment or
// absolute-form `scheme://authority`) and the glob patterns routes and generic APIs are written in.

/// Request-path helpers shared by the registry and generic API configurations.
enum RequestPath {
    /// The path of a request target: without `?query`/`#fragment` and without `scheme://authority`.
    static func path(of target: String) -> String {
        let bytes = target.utf8
        var start = bytes.startIndex
        let end = bytes.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.endIndex
        for scheme in ["http://", "https://"] where bytes[start..<end].starts(with: scheme.utf8) {
            let rest = bytes.index(start, offsetBy: scheme.utf8.count)
            guard let slash = bytes[rest..<end].firstIndex(of: UInt8(ascii: "/")) else { return "/" }
            start = slash
        }
        if start == bytes.startIndex && end == bytes.endIndex { return target }
        return String(Substring(bytes[start..<end]))
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
