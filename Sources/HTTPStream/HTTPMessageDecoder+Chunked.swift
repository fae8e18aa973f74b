// HTTPMessageDecoder+Chunked: Transfer-Encoding: chunked framing — chunk-size lines (hex, any case,
// leading zeros, extensions ignored, overflow is an error), the CRLF after each chunk, and trailers.
// A framing error ends the message as incomplete with a parse error and resynchronises.

extension HTTPMessageDecoder {
    mutating func stepChunkSize() -> Bool {
        let s = buf.startIndex
        guard let lf = ByteScan.index(of: ByteScan.lf, in: buf, from: s + scanPos) else {
            scanPos = buf.count
            if buf.count > limits.maxChunkLineBytes { return bodyError() }
            return false
        }
        let lineLen = lf + 1 - s
        if lineLen > limits.maxChunkLineBytes + 2 { return bodyError() }
        var i = s
        var size = 0
        var digits = 0
        while i < lf, let h = ByteScan.hexValue(buf[i]) {
            let (m, o1) = size.multipliedReportingOverflow(by: 16)
            let (a, o2) = m.addingReportingOverflow(h)
            if o1 || o2 { return bodyError() }
            size = a
            digits += 1
            i += 1
        }
        guard digits > 0 else { return bodyError() }
        while i < lf && (buf[i] == ByteScan.sp || buf[i] == ByteScan.tab) { i += 1 }
        if i < lf {
            let c = buf[i]
            if c == 59 {
                // chunk extensions: ignored
            } else if !(c == ByteScan.cr && i == lf - 1) {
                return bodyError()
            }
        }
        consume(lineLen)
        msgWire &+= lineLen
        msgLast = now
        scanPos = 0
        if size == 0 {
            state = .trailers
            trailerBytes = 0
        } else {
            state = .chunkData(size)
        }
        return true
    }

    mutating func stepChunkDataEnd() -> Bool {
        guard let b0 = buf.first else { return false }
        var n = 0
        if b0 == ByteScan.lf {
            n = 1
        } else if b0 == ByteScan.cr {
            guard buf.count >= 2 else { return false }
            if buf[buf.startIndex + 1] == ByteScan.lf { n = 2 }
        }
        guard n > 0 else { return bodyError() }
        consume(n)
        msgWire &+= n
        msgLast = now
        state = .chunkSize
        scanPos = 0
        return true
    }

    mutating func stepTrailers() -> Bool {
        let s = buf.startIndex
        guard let lf = ByteScan.index(of: ByteScan.lf, in: buf, from: s + scanPos) else {
            scanPos = buf.count
            if trailerBytes + buf.count > limits.maxHeaderBytes { return bodyError() }
            return false
        }
        let len = lf + 1 - s
        let empty = len == 1 || (len == 2 && buf[s] == ByteScan.cr)
        consume(len)
        msgWire &+= len
        msgLast = now
        scanPos = 0
        trailerBytes += len
        if empty {
            endMessage(complete: true)
        } else if trailerBytes > limits.maxHeaderBytes {
            return bodyError()
        }
        return true
    }

    /// A framing error inside a body: end the message incomplete, count it, resynchronise.
    mutating func bodyError() -> Bool {
        counters.parseErrors &+= 1
        endMessage(complete: false, parseError: true)
        enterResync()
        return true
    }
}
