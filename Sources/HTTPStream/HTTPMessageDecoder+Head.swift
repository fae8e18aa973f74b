// HTTPMessageDecoder+Head: the message-start half of the decoder — detecting what the stream carries
// (requests, responses, TLS, HTTP/2), skipping blank lines between messages, finding the end of the
// header block without re-scanning, and choosing the body framing once the head is parsed.

extension HTTPMessageDecoder {
    /// True when bytes at `at` look like `METHOD SP`; nil when too few bytes to tell.
    func methodPrefix(at i: Int) -> Bool? {
        var j = i
        while j < buf.endIndex && j - i <= 20 {
            let b = buf[j]
            if b == ByteScan.sp { return j > i }
            if !ByteScan.isMethodChar(b) { return false }
            j += 1
        }
        return j - i <= 20 ? nil : false
    }

    mutating func stepDetect() -> Bool {
        guard let b0 = buf.first else { return false }
        let s = buf.startIndex
        if b0 == ByteScan.cr || b0 == ByteScan.lf {
            consume(1)
            return true
        }
        if b0 == 0x16 {
            guard buf.count >= 2 else { return false }
            if buf[s + 1] == 0x03 {
                switchTo(.tls)
                return true
            }
        }
        switch ByteScan.hasPrefix("PRI * HTTP/2.0", in: buf, at: s) {
        case true?:
            switchTo(.http2)
            return true
        case nil: return false
        case false?: break
        }
        switch ByteScan.hasPrefix("HTTP/", in: buf, at: s) {
        case true?:
            role = .responses
            state = .idle
            return true
        case nil: return false
        case false?: break
        }
        switch methodPrefix(at: s) {
        case true?:
            role = .requests
            state = .idle
            return true
        case nil: return false
        case false?: break
        }
        // Picked up mid-stream (or not HTTP): hunt for the next message start.
        enterResync()
        return true
    }

    mutating func stepIdle() -> Bool {
        guard let b0 = buf.first else { return false }
        if b0 == ByteScan.cr || b0 == ByteScan.lf {
            consume(1)
            return true
        }
        let s = buf.startIndex
        let plausible: Bool?
        switch role {
        case .responses: plausible = ByteScan.hasPrefix("HTTP/", in: buf, at: s)
        case .requests: plausible = methodPrefix(at: s)
        case .unknown:
            let r = ByteScan.hasPrefix("HTTP/", in: buf, at: s)
            let m = methodPrefix(at: s)
            if r == true || m == true {
                plausible = true
            } else if r == nil || m == nil {
                plausible = nil
            } else {
                plausible = false
            }
        }
        switch plausible {
        case nil:
            return false
        case false?:
            counters.parseErrors &+= 1
            skip(1)
            enterResync()
            return true
        case true?:
            msgFirst = timeOfBufferStart()
            state = .head
            scanPos = 0
            lineStart = 0
            headLines = 0
            firstLineEnd = -1
            return true
        }
    }

    mutating func stepHead() -> Bool {
        let s = buf.startIndex
        var pos = s + scanPos
        while let lf = ByteScan.index(of: ByteScan.lf, in: buf, from: pos) {
            let ls = s + lineStart
            let len = lf - ls
            let empty = len == 0 || (len == 1 && buf[ls] == ByteScan.cr)
            if empty {
                let blockLen = lf + 1 - s
                if headLines == 0 {
                    consume(blockLen)
                    state = .idle
                    return true
                }
                if blockLen > limits.maxHeaderBytes { return headError(drop: blockLen) }
                return completeHead(blockLen)
            }
            headLines += 1
            if headLines == 1 { firstLineEnd = lf + 1 - s }
            if headLines > limits.maxHeaders + 1 { return headError(drop: firstLineEnd) }
            lineStart = lf + 1 - s
            pos = lf + 1
        }
        scanPos = buf.count
        if buf.count > limits.maxHeaderBytes { return headError(drop: firstLineEnd > 0 ? firstLineEnd : buf.count) }
        return false
    }

    /// A head that cannot be parsed: count it, report the lost message, drop `drop` bytes, resync.
    mutating func headError(drop: Int) -> Bool {
        counters.parseErrors &+= 1
        outbox.append(.lost(.parseError, at: msgFirst))
        skip(max(1, drop))
        enterResync()
        return true
    }

    mutating func completeHead(_ blockLen: Int) -> Bool {
        guard let parsed = HeadParser.parse(buf.prefix(blockLen), maxHeaders: limits.maxHeaders) else {
            return headError(drop: blockLen)
        }
        switch parsed {
        case .request(let head):
            guard role != .responses, let framing = HeadParser.requestFraming(head.headers) else {
                return headError(drop: blockLen)
            }
            consume(blockLen)
            role = .requests
            counters.requests &+= 1
            beginMessage()
            outbox.append(.requestHead(head, at: msgFirst))
            startBody(framing)
        case .response(let head):
            let method = head.isInterim ? nil : requestMethodHint
            guard role != .requests,
                let framing = HeadParser.responseFraming(
                    status: head.status, requestMethod: method, headers: head.headers)
            else {
                return headError(drop: blockLen)
            }
            consume(blockLen)
            role = .responses
            counters.responses &+= 1
            beginMessage()
            outbox.append(.responseHead(head, at: msgFirst))
            if head.status == 101 || (method == "CONNECT" && head.status >= 200 && head.status < 300) {
                endMessage(complete: true)
                switchTo(.upgrade)
                return true
            }
            startBody(framing)
        }
        return true
    }

    mutating func beginMessage() {
        inMessage = true
        msgLast = now
        msgGap = false
        msgWire = 0
        msgChunked = false
    }

    mutating func startBody(_ framing: BodyFraming) {
        switch framing {
        case .none: endMessage(complete: true)
        case .length(let n): state = .fixedBody(n)
        case .chunked:
            msgChunked = true
            state = .chunkSize
            scanPos = 0
        case .untilClose: state = .closeBody
        }
    }
}
