// LatinFolding: the table that folds lowercase precomposed Latin letters with diacritics (Latin-1 Supplement
// and Latin Extended-A, U+00DF–U+017F) to their base letters — the cheap subset of accent folding that covers
// the Western and Central European languages without Foundation's Unicode decomposition.

/// Lowercase Latin letters with diacritics folded to plain ASCII letters.
enum LatinFolding {
    /// The first scalar value covered by `table`.
    private static let base: UInt32 = 0xDF

    /// Base letters for U+00DF…U+017F, indexed by `value - base`; `""` means "not folded".
    private static let table: [String] = {
        let groups: [(String, String)] = [
            ("a", "àáâãäåāăą"), ("ae", "æ"), ("c", "çćĉċč"), ("d", "ðďđ"), ("e", "èéêëēĕėęě"),
            ("g", "ĝğġģ"), ("h", "ĥħ"), ("i", "ìíîïĩīĭįı"), ("ij", "ĳ"), ("j", "ĵ"), ("k", "ķĸ"),
            ("l", "ĺļľŀł"), ("n", "ñńņňŉŋ"), ("o", "òóôõöøōŏő"), ("oe", "œ"), ("r", "ŕŗř"),
            ("s", "śŝşšſ"), ("ss", "ß"), ("t", "ţťŧ"), ("th", "þ"), ("u", "ùúûüũūŭůűų"), ("w", "ŵ"),
            ("y", "ýÿŷ"), ("z", "źżž"),
        ]
        var table = [String](repeating: "", count: 0x17F - Int(base) + 1)
        for (folded, letters) in groups {
            for scalar in letters.unicodeScalars { table[Int(scalar.value - base)] = folded }
        }
        return table
    }()

    /// The ASCII letters `scalar` folds to, or nil when it is not a covered letter with a diacritic.
    static func fold(_ scalar: Unicode.Scalar) -> String? {
        guard scalar.value >= base, scalar.value <= 0x17F else { return nil }
        let folded = table[Int(scalar.value - base)]
        return folded.isEmpty ? nil : folded
    }
}
