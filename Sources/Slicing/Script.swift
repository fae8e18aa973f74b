// Script: which writing system a text is mostly in, by the Unicode ranges of its letters.

/// A coarse writing-system guess.
public enum Script: String, Sendable, Hashable, CaseIterable {
    case latin, cyrillic, greek, arabic, hebrew, cjk, hangul, devanagari, thai, other, mixed

    /// The share of letters the most frequent script needs for the text to be that script rather than `mixed`.
    public static let dominanceThreshold = 0.7

    /// The script of `text`: among its alphabetic scalars (letters and alphabetic marks), the script with at
    /// least `dominanceThreshold` of them; `mixed` when none has; `other` when there are no letters. Letters
    /// outside the listed blocks count as `other`. CJK covers Han, hiragana and katakana (so Japanese is `cjk`);
    /// Korean is `hangul`.
    public static func guess(_ text: String) -> Script {
        // All-ASCII text (most prompts): its letters are Latin.
        var ascii = text
        if let anyLetter = ascii.withUTF8({ bytes -> Bool? in
            var letter = false
            for b in bytes {
                if b >= 0x80 { return nil }
                letter = letter || (b | 0x20 >= 97 && b | 0x20 <= 122)
            }
            return letter
        }) {
            return anyLetter ? .latin : .other
        }
        var counts: [Script: Int] = [:]
        var letters = 0
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            counts[of(scalar), default: 0] += 1
            letters += 1
        }
        guard letters > 0 else { return .other }
        let (top, count) = counts.max {
            $0.value < $1.value || ($0.value == $1.value && $0.key.rawValue > $1.key.rawValue)
        }!
        return Double(count) >= dominanceThreshold * Double(letters) ? top : .mixed
    }

    /// The script block of one scalar (`other` outside the listed blocks; never `mixed`).
    public static func of(_ scalar: Unicode.Scalar) -> Script {
        switch scalar.value {
        case 0x0041...0x005A, 0x0061...0x007A, 0x00AA, 0x00BA, 0x00C0...0x024F, 0x0250...0x02AF, 0x1D00...0x1DBF,
            0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF, 0xAB30...0xAB6F, 0xFB00...0xFB06, 0xFF21...0xFF3A,
            0xFF41...0xFF5A:
            return .latin
        case 0x0370...0x03FF, 0x1F00...0x1FFF:
            return .greek
        case 0x0400...0x052F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F:
            return .cyrillic
        case 0x0590...0x05FF, 0xFB1D...0xFB4F:
            return .hebrew
        case 0x0600...0x06FF, 0x0750...0x077F, 0x0870...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF:
            return .arabic
        case 0x0900...0x097F, 0xA8E0...0xA8FF:
            return .devanagari
        case 0x0E00...0x0E7F:
            return .thai
        case 0x1100...0x11FF, 0x3130...0x318F, 0xA960...0xA97F, 0xAC00...0xD7AF, 0xD7B0...0xD7FF, 0xFFA0...0xFFDC:
            return .hangul
        case 0x2E80...0x2FDF, 0x3005...0x3007, 0x3021...0x3029, 0x3031...0x3035, 0x3038...0x303C, 0x3040...0x30FF,
            0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF66...0xFF9F, 0x20000...0x3134F:
            return .cjk
        default:
            return .other
        }
    }
}
