// TextNormalisation: the one place text becomes comparable features — lowercasing, whitespace collapsing,
// Unicode-aware word tokens, word n-grams and word-boundary-padded character n-grams. Works on Unicode
// scalars (not grapheme clusters) so the output does not depend on the platform's grapheme-break tables.

/// Pure text-normalisation and tokenisation functions shared by the featurizer, descriptors and labeler.
public enum TextNormalisation {
    /// Lowercases `text`, turns every run of whitespace (any Unicode white space, newlines included) into one
    /// space, and trims the ends. `"  Hello\n\tWORLD "` becomes `"hello world"`.
    public static func normalise(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The words of `text`, lowercased: maximal runs of letters, digits and combining marks. Han ideographs and
    /// kana are one word each (Chinese and Japanese do not separate words with spaces, so per-character tokens
    /// — and their bigrams — are the usual bag-of-words unit). Everything else separates words, so
    /// `"don't"` is `["don", "t"]` and `"e-mail"` is `["e", "mail"]`.
    public static func words(_ text: String) -> [String] {
        asciiWords(text) ?? unicodeWords(text)
    }

    /// `words` scalar by scalar through the Unicode properties (any text).
    static func unicodeWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty { words.append(String(current)) }
            current = String.UnicodeScalarView()
        }
        for scalar in text.lowercased().unicodeScalars {
            if isSingleScalarWord(scalar) {
                flush()
                current.append(scalar)
                flush()
            } else if isWordScalar(scalar) {
                current.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return words
    }

    /// `words` for all-ASCII text, byte by byte (the same result: in ASCII only letters and digits continue a
    /// word); nil when the text has other bytes.
    static func asciiWords(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            var words: [String] = []
            var word = [UInt8]()
            for b in bytes {
                if b >= 0x80 { return nil }
                let lower = b >= 65 && b <= 90 ? b | 0x20 : b
                if (lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57) {
                    word.append(lower)
                } else if !word.isEmpty {
                    words.append(String(decoding: word, as: UTF8.self))
                    word.removeAll(keepingCapacity: true)
                }
            }
            if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
            return words
        }
    }

    /// Contiguous n-grams of `words` for every n in `orders`, each joined with one space, shortest first
    /// (all unigrams, then all bigrams, …).
    public static func wordNGrams(_ words: [String], orders: ClosedRange<Int>) -> [String] {
        var grams: [String] = []
        for n in orders where n >= 1 && n <= words.count {
            for start in 0...(words.count - n) {
                grams.append(words[start..<(start + n)].joined(separator: " "))
            }
        }
        return grams
    }

    /// Character n-grams of already-normalised text with word-boundary padding (scikit-learn's `char_wb`):
    /// every space-separated token is padded with one space on each side and cut into windows of each length
    /// in `orders`; a padded token shorter than n gives no n-gram of that length. Lengths count Unicode scalars.
    /// For `"ab"` and 3...4: `" ab"`, `"ab "`, `" ab "`.
    public static func characterNGrams(_ normalised: String, orders: ClosedRange<Int>) -> [String] {
        var grams: [String] = []
        forEachCharacterNGram(normalised, orders: orders) { grams.append(String(String.UnicodeScalarView($0))) }
        return grams
    }

    /// Calls `body` with every character n-gram of `characterNGrams(_:orders:)`, as scalar slices, in the same
    /// order, without building strings.
    static func forEachCharacterNGram(
        _ normalised: String, orders: ClosedRange<Int>, _ body: (ArraySlice<Unicode.Scalar>) -> Void
    ) {
        var padded: [Unicode.Scalar] = [" "]
        func emit() {
            padded.append(" ")
            for n in orders where n >= 1 && n <= padded.count {
                for start in 0...(padded.count - n) { body(padded[start..<(start + n)]) }
            }
            padded.removeAll(keepingCapacity: true)
            padded.append(" ")
        }
        for scalar in normalised.unicodeScalars {
            if scalar == " " {
                if padded.count > 1 { emit() }
            } else {
                padded.append(scalar)
            }
        }
        if padded.count > 1 { emit() }
    }

    /// Letters, digits and marks continue a word.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    /// Han ideographs (and the ideographic iteration mark), hiragana and katakana.
    static func isSingleScalarWord(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3005, 0x3007, 0x3040...0x309F, 0x30A0...0x30FA, 0x30FC...0x30FF, 0x31F0...0x31FF,
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF66...0xFF9D, 0x20000...0x3134F:
            return true
        default:
            return false
        }
    }

    /// The scalar whose (valid UTF-8) encoding starts at the lead byte `bytes[i]`; moves `i` past it. For the
    /// byte-level fast paths (descriptors, answer fingerprints) that meet a non-ASCII byte.
    @inlinable
    public static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at i: inout Int) -> Unicode.Scalar {
        let b = bytes[i]
        var value: UInt32
        var more: Int
        if b >= 0xF0 {
            value = UInt32(b & 0x07)
            more = 3
        } else if b >= 0xE0 {
            value = UInt32(b & 0x0F)
            more = 2
        } else {
            value = UInt32(b & 0x1F)
            more = 1
        }
        i += 1
        while more > 0 && i < bytes.count {
            value = value << 6 | UInt32(bytes[i] & 0x3F)
            i += 1
            more -= 1
        }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }
}
