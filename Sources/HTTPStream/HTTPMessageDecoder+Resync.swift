// HTTPMessageDecoder+Resync: finding the next plausible message start after a gap, a parse error or
// a mid-stream pickup — `HTTP/1.x NNN` for responses, `METHOD SP target SP HTTP/1.x CRLF` for
// requests — while keeping only a bounded tail buffered and counting every skipped byte.

extension HTTPMessageDecoder {
    /// The next "HTTP/1." at or after `from`; nil when none (a partial match at the end counts as none).
    func findHTTP1(from: Int) -> Int? {
        var i = from
        while let h = ByteScan.index(of: 72, in: buf, from: i) {
            switch ByteScan.hasPrefix("HTTP/1.", in: buf, at: h) {
            case true?: return h
            case nil: return nil
            case false?: i = h + 1
            }
        }
        return nil
    }

    /// Start of a request line whose version begins right after the space at `sp2`, or nil.
    func requestLineStart(spaceBeforeVersion sp2: Int) -> Int? {
        let s = buf.startIndex
        let low = max(s, sp2 - limits.maxResyncLineBytes)
        var t = sp2 - 1
        while t >= low && buf[t] > 32 && buf[t] != 127 { t -= 1 }
        guard t >= low, t < sp2 - 1, buf[t] == ByteScan.sp else { return nil }
        var m = t - 1
        while m >= s && m > t - 21 && ByteScan.isMethodChar(buf[m]) { m -= 1 }
        let start = m + 1
        return start < t ? start : nil
    }

    mutating func stepResync() -> Bool {
        let s = buf.startIndex
        let e = buf.endIndex
        guard s < e else { return false }
        var from = s + min(scanPos, buf.count)
        while let q = findHTTP1(from: from) {
            var start: Int?
            var undecided = false
            if role != .requests {
                if q + 12 > e {
                    undecided = true
                } else if ByteScan.isDigit(buf[q + 7]) && buf[q + 8] == ByteScan.sp && ByteScan.isDigit(buf[q + 9])
                    && ByteScan.isDigit(buf[q + 10]) && ByteScan.isDigit(buf[q + 11])
                {
                    start = q
                }
            }
            if start == nil && role != .responses && q > s && buf[q - 1] == ByteScan.sp {
                if q + 9 > e {
                    undecided = true
                } else if ByteScan.isDigit(buf[q + 7]) && (buf[q + 8] == ByteScan.cr || buf[q + 8] == ByteScan.lf) {
                    start = requestLineStart(spaceBeforeVersion: q - 1)
                }
            }
            if let st = start {
                skip(st - s)
                counters.resyncs &+= 1
                state = .idle
                return true
            }
            if undecided {
                let keepFrom = max(s, q - limits.maxResyncLineBytes)
                skip(keepFrom - s)
                scanPos = q - keepFrom
                return false
            }
            from = q + 1
        }
        // No candidate: keep only a tail that could still begin one.
        let keep = min(buf.count, role == .responses ? 7 : limits.maxResyncLineBytes)
        skip(buf.count - keep)
        scanPos = max(0, buf.count - 7)
        return false
    }
}
