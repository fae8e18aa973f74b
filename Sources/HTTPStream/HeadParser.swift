// HeadParser: turns one complete header block (start line through the blank line) into a request
// or response head, and decides how the body that follows is framed. Strict about the start line,
// lenient about header quirks (obs-fold, bare LF); returns nil rather than trapping on anything odd.

enum ParsedHead {
    case request(HTTPRequestHead)
    case response(HTTPResponseHead)
}

/// How a message body is delimited on the wire.
enum BodyFraming: Equatable {
    case none
    case length(Int)
    case chunked
    case untilClose
}

enum HeadParser {
    private static let comma = UInt8(ascii: ",")

    /// Parses a header block; nil when the start line or a header line is malformed.
    static func parse(_ block: ArraySlice<UInt8>, maxHeaders: Int) -> ParsedHead? {
        // The header lines are walked on the buffer itself: slicing the array per line and per field retained
        // and released its storage each time.
        var headers = HTTPHeaders(reservingBytes: block.count, fields: 24)
        let startLine = block.withUnsafeBufferPointer { b -> Range<Int>? in
            readFields(b, maxHeaders: maxHeaders, into: &headers)
        }
        guard let startLine, !startLine.isEmpty else { return nil }
        let start = block[(block.startIndex + startLine.lowerBound)..<(block.startIndex + startLine.upperBound)]
        if ByteScan.hasPrefix("HTTP/", in: start, at: start.startIndex) == true {
            return parseStatusLine(start, headers: headers).map { .response($0) }
        }
        return parseRequestLine(start, headers: headers).map { .request($0) }
    }

    /// Adds the header fields of block `b` to `headers` and returns the start line's range (offsets into `b`;
    /// nil when the block has no line); nil also when a header line is malformed or there are too many.
    private static func readFields(
        _ b: UnsafeBufferPointer<UInt8>, maxHeaders: Int, into headers: inout HTTPHeaders
    ) -> Range<Int>? {
        var pos = 0
        var first: Range<Int>?
        var count = 0
        while pos < b.count {
            let lf = ByteScan.index(of: ByteScan.lf, in: b, from: pos, to: b.count) ?? b.count
            var end = lf
            if end > pos && b[end - 1] == ByteScan.cr { end -= 1 }
            let lineStart = pos
            pos = lf + 1
            if first == nil {
                first = lineStart..<end
                continue
            }
            if end == lineStart { break }
            if b[lineStart] == ByteScan.sp || b[lineStart] == ByteScan.tab {
                // obs-fold: continuation of the previous field's value.
                guard count > 0 else { return nil }
                headers.appendToLastValue([ByteScan.sp] + ByteScan.trim(b[lineStart..<end]))
                continue
            }
            guard let colon = ByteScan.index(of: 58, in: b, from: lineStart, to: end), colon > lineStart else {
                return nil
            }
            let name = b[lineStart..<colon]
            for c in name where !ByteScan.isTokenChar(c) { return nil }
            count += 1
            if count > maxHeaders { return nil }
            headers.add(name: name, value: ByteScan.trim(b[(colon + 1)..<end]))
        }
        return first
    }

    /// "HTTP/d.d" with single digits.
    static func isVersion(_ v: ArraySlice<UInt8>) -> Bool {
        guard v.count == 8, ByteScan.hasPrefix("HTTP/", in: v, at: v.startIndex) == true else { return false }
        let s = v.startIndex
        return ByteScan.isDigit(v[s + 5]) && v[s + 6] == 46 && ByteScan.isDigit(v[s + 7])
    }

    static func parseStatusLine(_ line: ArraySlice<UInt8>, headers: HTTPHeaders) -> HTTPResponseHead? {
        guard let sp1 = line.firstIndex(of: ByteScan.sp) else { return nil }
        let version = line[line.startIndex..<sp1]
        guard isVersion(version), sp1 + 4 <= line.endIndex else { return nil }
        let d = line[(sp1 + 1)..<(sp1 + 4)]
        var status = 0
        for b in d {
            guard ByteScan.isDigit(b) else { return nil }
            status = status * 10 + Int(b - 48)
        }
        guard status >= 100 else { return nil }
        var reason: ArraySlice<UInt8> = []
        if sp1 + 4 < line.endIndex {
            guard line[sp1 + 4] == ByteScan.sp else { return nil }
            reason = ByteScan.trim(line[(sp1 + 5)...])
        }
        return HTTPResponseHead(
            version: ByteScan.string(version), status: status, reason: ByteScan.string(reason), headers: headers)
    }

    static func parseRequestLine(_ line0: ArraySlice<UInt8>, headers: HTTPHeaders) -> HTTPRequestHead? {
        let line = ByteScan.trim(line0)
        guard let sp1 = line.firstIndex(of: ByteScan.sp), sp1 > line.startIndex else { return nil }
        let method = line[line.startIndex..<sp1]
        for b in method where !ByteScan.isTokenChar(b) { return nil }
        let rest = line[(sp1 + 1)...]
        guard let sp2 = rest.lastIndex(of: ByteScan.sp), sp2 > rest.startIndex else { return nil }
        let target = rest[rest.startIndex..<sp2]
        for b in target where b <= 32 || b == 127 { return nil }
        let version = rest[(sp2 + 1)...]
        guard isVersion(version) else { return nil }
        return HTTPRequestHead(
            method: ByteScan.string(method), target: ByteScan.string(target), version: ByteScan.string(version),
            headers: headers)
    }

    // MARK: Framing

    /// Transfer-Encoding verdict: nil when absent, true when the final coding is chunked.
    static func chunkedTransfer(_ headers: HTTPHeaders) -> Bool? {
        var present = false
        var last: ArraySlice<UInt8> = []
        headers.forEachValue(named: "transfer-encoding") { value in
            present = true
            // The codings of all fields, comma-separated; the final non-empty one decides.
            ByteScan.forEachPart(of: value, separatedBy: comma) { if !$0.isEmpty { last = $0 } }
        }
        guard present else { return nil }
        return ByteScan.equalsIgnoringCase(ByteScan.trim(last), "chunked")
    }

    /// Content-Length: .some(nil) when present but invalid or conflicting.
    static func contentLength(_ headers: HTTPHeaders) -> Int?? {
        var present = false
        var invalid = false
        var result: Int?
        headers.forEachValue(named: "content-length") { value in
            present = true
            guard !invalid else { return }
            // Each comma-separated part (empty ones included) must be the same decimal number.
            ByteScan.forEachPart(of: value, separatedBy: comma) { part in
                guard !invalid else { return }
                guard let n = ByteScan.parseDecimal(ByteScan.trim(part)), result == nil || result == n else {
                    invalid = true
                    return
                }
                result = n
            }
        }
        guard present else { return .none }
        return invalid ? .some(nil) : .some(result)
    }

    /// Request body framing; nil when the framing headers are invalid.
    static func requestFraming(_ headers: HTTPHeaders) -> BodyFraming? {
        if let chunked = chunkedTransfer(headers) { return chunked ? .chunked : nil }
        switch contentLength(headers) {
        case .none: return BodyFraming.none
        case .some(.none): return nil
        case .some(.some(let n)): return n == 0 ? BodyFraming.none : .length(n)
        }
    }

    /// Final-response body framing (RFC 9112 §6.3); nil when the framing headers are invalid.
    static func responseFraming(status: Int, requestMethod: String?, headers: HTTPHeaders) -> BodyFraming? {
        if requestMethod == "HEAD" || status == 204 || status == 304 || (status >= 100 && status < 200) {
            return BodyFraming.none
        }
        if requestMethod == "CONNECT" && status >= 200 && status < 300 { return BodyFraming.none }
        if let chunked = chunkedTransfer(headers) { return chunked ? .chunked : .untilClose }
        switch contentLength(headers) {
        case .none: return .untilClose
        case .some(.none): return nil
        case .some(.some(let n)): return n == 0 ? BodyFraming.none : .length(n)
        }
    }
}

extension String {
    /// Trims the given ASCII characters from both ends (no Foundation).
    func trimmingASCII(_ set: String) -> String {
        var set = set
        return set.withUTF8 { chars in
            var u = Substring(self).utf8
            while let f = u.first, chars.contains(f) { u = u.dropFirst() }
            while let l = u.last, chars.contains(l) { u = u.dropLast() }
            return String(Substring(u))
        }
    }
}
extension Substring {
    func trimmingASCII(_ set: String) -> String { String(self).trimmingASCII(set) }
}
