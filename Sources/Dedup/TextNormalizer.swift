// TextNormalizer: the canonical form two texts are compared in — lowercased, Latin diacritics folded,
// punctuation stripped at word edges, whitespace collapsed. Works on Unicode scalars (not grapheme clusters)
// so the output does not depend on the platform's grapheme-break tables.

/// Turns text into the canonical form that exact keys and shingles are computed from.
///
/// Rules, applied scalar by scalar to `text.lowercased()` (Unicode full lowercasing):
/// - **Ignorable scalars are dropped**: format characters (general category Cf: zero-width space and joiners,
///   soft hyphen, byte-order mark) and the combining diacritical marks U+0300–U+036F, so decomposed
///   `"e\u{301}"` becomes `"e"`.
/// - **Latin diacritics are folded** for the precomposed letters of Latin-1 Supplement and Latin Extended-A:
///   `"é"` → `"e"`, `"ł"` → `"l"`, `"ß"` → `"ss"`, `"æ"` → `"ae"`. Other scripts are left as they are.
/// - **Words** are maximal runs of letters, digits and marks (`ScalarClass`; the same classes as the `Slicing`
///   target's word tokens).
/// - **Whitespace**: every run of Unicode white space (newlines included) becomes one space; the ends are
///   trimmed.
/// - **Punctuation and symbols** (anything else) are stripped unless the run sits *inside* a word, i.e. between
///   two word scalars with no whitespace in the run. Inside a word, apostrophes (`'`, `’`, `‘`, `ʼ`) are
///   dropped — `"can't"`, `"can’t"` and `"cant"` all become `"cant"` — and every other punctuation scalar is
///   kept with repeats collapsed: `"e-mail"`, `"3.50"` and `"v1.2.3"` stay, `"a--b"` becomes `"a-b"`.
///   So `"Hello,   WORLD!!!"` is `"hello world"` and `"$100"` is `"100"`.
///
/// Text with no word scalars (only punctuation, symbols or emoji) normalises to `""`.
public enum TextNormalizer {
    /// The canonical form of `text` (see the type's rules). Idempotent: `normalize(normalize(t)) == normalize(t)`.
    public static func normalize(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var inner: [Unicode.Scalar] = []  // punctuation seen since the last word scalar, with no space between
        var afterWord = false  // the last scalar kept (ignoring `inner`) was a word scalar
        var pendingSpace = false
        func append(_ scalar: Unicode.Scalar) {
            switch ScalarClass(scalar) {
            case .ignorable:
                return
            case .whitespace:
                pendingSpace = true
                afterWord = false
                inner.removeAll(keepingCapacity: true)
            case .word:
                if pendingSpace, !out.isEmpty {
                    out.append(" ")
                } else if afterWord {
                    appendInnerPunctuation(inner, to: &out)
                }
                inner.removeAll(keepingCapacity: true)
                pendingSpace = false
                afterWord = true
                out.append(scalar)
            case .punctuation:
                if afterWord { inner.append(scalar) }
            }
        }
        for scalar in text.lowercased().unicodeScalars {
            if let folded = LatinFolding.fold(scalar) {
                for part in folded.unicodeScalars { append(part) }
            } else {
                append(scalar)
            }
        }
        return String(out)
    }

    /// Appends the punctuation run found between two word scalars: apostrophes dropped, repeats collapsed.
    private static func appendInnerPunctuation(_ run: [Unicode.Scalar], to out: inout String.UnicodeScalarView) {
        var previous: Unicode.Scalar?
        for scalar in run where !isApostrophe(scalar) {
            if scalar != previous { out.append(scalar) }
            previous = scalar
        }
    }

    /// ASCII apostrophe, left and right single quotation marks, modifier letter apostrophe.
    private static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x27, 0x2018, 0x2019, 0x2BC: return true
        default: return false
        }
    }
}
