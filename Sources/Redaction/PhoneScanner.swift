// PhoneScanner: finds phone numbers of 7–15 digits: international (`+44 20 7946 0958`,
// `+49 (0)30 1234567`, `+4915123456789`) and the common national layouts (trunk-prefixed
// `020 7946 0958` / `01 23 45 67 89` / `030/1234567`, area code in parentheses `(555) 123-4567`,
// North American `555-123-4567` / `555.123.4567` / `1 555 123 4567` / `555-1234`).
// Bare digit runs, dates, amounts, versions and ids are left alone: see `Shape.isPhone`.

enum PhoneScanner {
    /// The longest phone number starting at `i` (a digit, `+` or `(`).
    static func match(_ b: Bytes, at i: Int) -> Candidate? {
        let international = b[i] == UInt8(ascii: "+")
        var j = i
        if international {
            guard b.isWordStart(i), b.at(i - 1) != UInt8(ascii: "+"), ASCII.isDigit(b.at(i + 1)) else { return nil }
            j += 1
        } else if b[i] == UInt8(ascii: "(") {
            guard b.isWordStart(i) else { return nil }
        } else {
            // Trunk prefixes are `0` and `00`; `000…` is an id.
            guard b.isNumberStart(i), !b.has("000", at: i) else { return nil }
        }
        var shape = Shape(international: international)
        var separator: UInt8 = 0
        var best: Int?
        while true {
            // One group: digits, or digits in parentheses.
            let paren = b.at(j) == UInt8(ascii: "(")
            let digitsStart = paren ? j + 1 : j
            let digitsEnd = b.run(from: digitsStart, while: ASCII.isDigit)
            guard digitsEnd > digitsStart, !paren || b.at(digitsEnd) == UInt8(ascii: ")") else { break }
            guard shape.add(length: digitsEnd - digitsStart, lead: b[digitsStart], paren: paren, separator: separator)
            else { break }
            j = paren ? digitsEnd + 1 : digitsEnd
            if shape.isPhone, b.isNumberEnd(j) { best = j }
            // Then a single separator, or none between a group and a parenthesised one.
            switch b.at(j) {
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"):
                separator = b[j]
                j += 1
            default:
                separator = 0
            }
            guard ASCII.isDigit(b.at(j)) || b.at(j) == UInt8(ascii: "(") else { break }
        }
        return best.map { .redact(.phone, i, $0) }
    }

    /// The digit groups read so far, as much as the layout rules need.
    struct Shape {
        let international: Bool
        var digits = 0
        var groups = 0
        /// Length, first digit and preceding separator of the first four groups.
        var lengths = SIMD4<Int>(repeating: 0)
        var leads = SIMD4<UInt8>(repeating: 0)
        var separators = SIMD4<UInt8>(repeating: 0)
        /// The shortest group after the first.
        var shortest = Int.max
        /// Whether the separators differ from each other.
        var mixed = false
        /// Which group is in parentheses, if any.
        var parenGroup: Int?

        init(international: Bool) { self.international = international }

        /// Adds a group; false when the layout cannot be a phone number any more.
        mutating func add(length: Int, lead: UInt8, paren: Bool, separator: UInt8) -> Bool {
            if paren {
                // A parenthesised area code comes first, or right after the country code.
                guard parenGroup == nil, groups == (international ? 1 : 0) else { return false }
                parenGroup = groups
            }
            if groups < 4 {
                lengths[groups] = length
                leads[groups] = lead
                separators[groups] = separator
            }
            if groups > 0 {
                shortest = min(shortest, length)
                if separator != 0, separators[1] != 0, separator != separators[1] { mixed = true }
            }
            groups += 1
            digits += length
            return digits <= 15
        }

        /// Whether the groups so far make a phone number.
        var isPhone: Bool {
            guard digits >= 7 else { return false }
            if international {
                // `+3.14159265` is a number, not a phone.
                return !(groups == 2 && separators[1] == UInt8(ascii: "."))
            }
            guard groups >= 2, !isDate else { return false }
            if parenGroup == 0 { return (2...5).contains(lengths[0]) && shortest >= 2 && digits >= 9 }
            if leads[0] == UInt8(ascii: "0") { return (2...5).contains(lengths[0]) && shortest >= 2 && digits >= 10 }
            return isNorthAmerican
        }

        /// A date such as `2024-05-01` or `01.05.2024` starts the groups.
        var isDate: Bool {
            guard groups >= 3, separators[1] == separators[2], separators[1] != UInt8(ascii: " ") else { return false }
            let day = 1...2
            return (lengths[0] == 4 && day.contains(lengths[1]) && day.contains(lengths[2]))
                || (day.contains(lengths[0]) && day.contains(lengths[1]) && lengths[2] == 4)
        }

        /// `555-123-4567`, `1 555 123 4567`, `555.123.4567`, `555-1234`: one separator throughout, the
        /// first three-digit group starting 2–9.
        var isNorthAmerican: Bool {
            guard !mixed, separators[1] != UInt8(ascii: "/") else { return false }
            let valid = { (lead: UInt8) in lead >= UInt8(ascii: "2") && lead <= UInt8(ascii: "9") }
            switch groups {
            case 2:
                return lengths == [3, 4, 0, 0] && separators[1] == UInt8(ascii: "-") && valid(leads[0])
            case 3:
                return lengths == [3, 3, 4, 0] && valid(leads[0])
            case 4:
                return lengths == [1, 3, 3, 4] && leads[0] == UInt8(ascii: "1") && valid(leads[1])
            default:
                return false
            }
        }
    }
}
