// EmailScanner: finds `local@domain.tld` addresses from their `@`: the local part (ASCII letters, digits,
// `._%+-`) is read backwards, the domain forwards (labels of letters, digits and `-`, ending in an
// alphabetic TLD of two or more letters).

import Foundation

enum EmailScanner {
    /// The first address whose `@` is at or after `p` and whose local part starts no earlier than
    /// `floor`, with the index of its `@`. The redactor looks ahead with this so that an address
    /// competes with other kinds from where its local part starts.
    static func next(_ b: Bytes, from p: Int, floor: Int) -> (email: Candidate, at: Int)? {
        guard let base = b.baseAddress else { return nil }
        var at = p
        while at < b.count, let found = memchr(base + at, Int32(UInt8(ascii: "@")), b.count - at) {
            at = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            if let email = match(b, at: at, floor: floor) { return (email, at) }
            at += 1
        }
        return nil
    }

    /// The address around the `@` at `i`; its local part starts no earlier than `floor` (the end of the
    /// last claimed span) and is at most 64 bytes.
    static func match(_ b: Bytes, at i: Int, floor: Int) -> Candidate? {
        var start = i
        while start > floor, isLocal(b[start - 1]) {
            guard i - start < 64 else { return nil }
            start -= 1
        }
        while start < i, !ASCII.isAlnum(b[start]) { start += 1 }
        guard start < i, b[i - 1] != UInt8(ascii: "."), let end = domainEnd(b, from: i + 1) else { return nil }
        return .redact(.email, start, end)
    }

    /// The end of a domain of two or more labels starting at `j`, the last one alphabetic (2+ letters).
    static func domainEnd(_ b: Bytes, from j: Int) -> Int? {
        var j = j
        var labels = 0
        var end: Int?
        while true {
            let start = j
            j = b.run(from: j) { ASCII.isAlnum($0) || $0 == UInt8(ascii: "-") }
            guard j > start, b[start] != UInt8(ascii: "-"), b[j - 1] != UInt8(ascii: "-") else { break }
            labels += 1
            if labels >= 2, j - start >= 2, b[start..<j].allSatisfy(ASCII.isAlpha), b.isTokenEnd(j) { end = j }
            guard b.at(j) == UInt8(ascii: "."), ASCII.isAlnum(b.at(j + 1)) else { break }
            j += 1
        }
        return end
    }

    /// Bytes of an unquoted local part: letters, digits and `.`, `_`, `%`, `+`, `-`.
    static func isLocal(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "%"), UInt8(ascii: "+"), UInt8(ascii: "-"): true
        default: ASCII.isAlnum(c)
        }
    }
}
