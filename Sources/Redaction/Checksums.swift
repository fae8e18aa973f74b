// Check-digit tests that separate real card numbers and IBANs from look-alikes: Luhn, ISO 13616
// mod-97, and the IBAN length of each country.

enum Checksums {
    /// Whether the digits in `range` (other bytes skipped) pass the Luhn check.
    static func luhn(_ b: Bytes, _ range: Range<Int>) -> Bool {
        var sum = 0
        var double = false
        for j in range.reversed() where ASCII.isDigit(b[j]) {
            var d = Int(b[j] - UInt8(ascii: "0"))
            if double {
                d *= 2
                if d > 9 { d -= 9 }
            }
            sum += d
            double.toggle()
        }
        return sum % 10 == 0
    }

    /// Whether the IBAN of `length` characters at `start` (a space after every 4 when `spaced`) passes
    /// ISO 13616: the first four characters moved to the end, letters read as 10–35, mod 97 is 1.
    static func ibanMod97(_ b: Bytes, start: Int, length: Int, spaced: Bool) -> Bool {
        var remainder = 0
        for k in 0..<length {
            let index = (k + 4) % length
            let c = b[start + index + (spaced ? index / 4 : 0)]
            if ASCII.isDigit(c) {
                remainder = (remainder * 10 + Int(c - UInt8(ascii: "0"))) % 97
            } else {
                remainder = (remainder * 100 + Int(c - UInt8(ascii: "A")) + 10) % 97
            }
        }
        return remainder == 1
    }

    /// The IBAN length of the country whose code starts at `i`, when known.
    static func ibanLength(_ b: Bytes, _ i: Int) -> Int? {
        ibanLengths[UInt16(b[i]) << 8 | UInt16(b[i + 1])]
    }

    /// IBAN lengths by country (SWIFT IBAN registry), keyed by the two code letters.
    private static let ibanLengths: [UInt16: Int] = {
        let table = """
            AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 EE20 EG29 \
            ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 \
            LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24 PL28 PS29 PT25 QA29 \
            RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20
            """
        var lengths: [UInt16: Int] = [:]
        for entry in table.split(separator: " ") {
            let bytes = Array(entry.utf8)
            lengths[UInt16(bytes[0]) << 8 | UInt16(bytes[1])] = Int(entry.dropFirst(2))
        }
        return lengths
    }()
}
