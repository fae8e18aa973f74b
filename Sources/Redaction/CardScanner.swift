// CardScanner: finds payment card numbers: 13–19 digits, bare or grouped by spaces or dashes the way
// cards are printed, starting with a card network digit (2–6) and passing the Luhn check.

enum CardScanner {
    /// The longest card number starting at `i`. A card-shaped run of groups that fails (Luhn or network
    /// digit) is claimed and kept, so no phone number is cut out of it.
    static func match(_ b: Bytes, at i: Int) -> Candidate? {
        guard ASCII.isDigit(b[i]), b.isNumberStart(i) else { return nil }
        var layout = Layout()
        var separator: UInt8 = 0
        var j = i
        var valid: Int?
        var shaped = false
        while true {
            let start = j
            j = b.run(from: j, while: ASCII.isDigit)
            layout.add(j - start)
            guard layout.digits <= 19 else { return valid.map { .redact(.card, i, $0) } }
            shaped = layout.isCardShaped && b.isNumberEnd(j)
            if shaped, b[i] >= UInt8(ascii: "2"), b[i] <= UInt8(ascii: "6"), Checksums.luhn(b, i..<j) { valid = j }
            let next = b.at(j)
            guard next == UInt8(ascii: " ") || next == UInt8(ascii: "-"), separator == 0 || next == separator,
                ASCII.isDigit(b.at(j + 1))
            else { break }
            separator = next
            j += 1
        }
        if let valid { return .redact(.card, i, valid) }
        // Only a failing number that is the whole run of groups is kept: a run that goes on may hold a
        // card further along.
        return shaped ? .keep(.card, i, j) : nil
    }

    /// The group lengths seen so far, as much as the card layouts need.
    struct Layout {
        var digits = 0
        var groups = 0
        var first = 0
        var second = 0
        var last = 0
        /// Whether every group before the last has four digits.
        var foursBeforeLast = true

        mutating func add(_ length: Int) {
            if groups > 0, last != 4 { foursBeforeLast = false }
            if groups == 0 { first = length }
            if groups == 1 { second = length }
            groups += 1
            digits += length
            last = length
        }

        /// 13–19 digits as one run, in fours (the last group shorter), or Amex/Diners 4-6-5 / 4-6-4.
        var isCardShaped: Bool {
            guard digits >= 13, digits <= 19 else { return false }
            if groups == 1 || (foursBeforeLast && last <= 4) { return true }
            return groups == 3 && first == 4 && second == 6 && (last == 5 || last == 4)
        }
    }
}
