// ScalarClass: how the normaliser treats each Unicode scalar — dropped, whitespace, part of a word, or
// punctuation — with an ASCII fast path that skips the Unicode property lookups for the common case.

/// The normaliser's classification of one (lowercased, folded) Unicode scalar.
enum ScalarClass {
    /// Dropped without a trace: format characters (Cf) and combining diacritical marks U+0300–U+036F.
    case ignorable
    /// Unicode white space.
    case whitespace
    /// Letters, digits and other marks: they make up words.
    case word
    /// Everything else: punctuation, symbols, emoji, control characters.
    case punctuation

    init(_ scalar: Unicode.Scalar) {
        guard scalar.isASCII else {
            self = Self.byProperties(scalar)
            return
        }
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: self = .word
        case 0x09...0x0D, 0x20: self = .whitespace
        default: self = .punctuation
        }
    }

    /// The class from the scalar's Unicode properties (what the ASCII fast path must agree with).
    static func byProperties(_ scalar: Unicode.Scalar) -> ScalarClass {
        let properties = scalar.properties
        if (0x300...0x36F).contains(scalar.value) || properties.generalCategory == .format { return .ignorable }
        if properties.isWhitespace { return .whitespace }
        if properties.isAlphabetic { return .word }
        switch properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return .word
        default:
            return .punctuation
        }
    }
}
