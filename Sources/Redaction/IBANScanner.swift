// IBANScanner: finds IBANs, compact (`DE89370400440532013000`) or printed in groups of four
// (`DE89 3704 0044 0532 0130 00`), upper case, with the country's length and a valid mod-97 check.

enum IBANScanner {
    /// The IBAN starting at `i`; an IBAN-shaped run of a known country failing the check is claimed and
    /// kept, so its digit groups are not taken for a phone or card number.
    static func match(_ b: Bytes, at i: Int) -> Candidate? {
        guard b.isWordStart(i), i + 4 <= b.count, ASCII.isUpper(b[i]), ASCII.isUpper(b[i + 1]),
            ASCII.isDigit(b[i + 2]), ASCII.isDigit(b[i + 3])
        else { return nil }
        let isIBANByte = { (c: UInt8) in ASCII.isUpper(c) || ASCII.isDigit(c) }
        let spaced = b.at(i + 4) == UInt8(ascii: " ") && isIBANByte(b.at(i + 5))
        // Read as many IBAN characters as the layout allows, up to the longest IBAN.
        var count = 4
        var j = i + 4
        while count < 34 {
            var k = j
            if spaced, count % 4 == 0 {
                guard b.at(k) == UInt8(ascii: " ") else { break }
                k += 1
            }
            guard isIBANByte(b.at(k)) else { break }
            j = k + 1
            count += 1
        }
        let known = Checksums.ibanLength(b, i)
        let lengths = known.map { $0...$0 } ?? 15...34
        guard count >= lengths.lowerBound else { return nil }
        for length in stride(from: min(count, lengths.upperBound), through: lengths.lowerBound, by: -1) {
            let end = i + length + (spaced ? (length - 1) / 4 : 0)
            guard b.isTokenEnd(end) else { continue }
            if Checksums.ibanMod97(b, start: i, length: length, spaced: spaced) {
                return .redact(.iban, i, end)
            }
            if known != nil { return .keep(.iban, i, end) }
        }
        return nil
    }
}
