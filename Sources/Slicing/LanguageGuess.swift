// LanguageGuess: a deliberately crude language guess for Latin-script text by counting stopwords.

/// A coarse language guess for Latin-script text.
///
/// Crude by design: it counts the text's words found in a short stopword list per language (about 25-35
/// function words each) and picks the language with the most hits when it has at least `minimumHits` and
/// strictly more than the runner-up; otherwise `other`. Short prompts, code, lists of names, and closely
/// related languages (es/pt/it share many function words) often come out `other` or wrong. It is a drift
/// signal ("the share of German prompts went up"), not language identification.
public enum LanguageGuess: String, Sendable, Hashable, CaseIterable {
    case en, es, fr, de, pt, it, other

    /// Stopword hits the winning language needs.
    public static let minimumHits = 2

    /// The guess for `text`, whatever its script (callers apply it to Latin text only).
    public static func guess(_ text: String) -> LanguageGuess {
        guess(words: TextNormalisation.words(text))
    }

    /// The guess for already-tokenised lowercase words.
    public static func guess(words: [String]) -> LanguageGuess {
        var hits: [LanguageGuess: Int] = [:]
        for word in words {
            for language in stopwordLanguages[word] ?? [] { hits[language, default: 0] += 1 }
        }
        let ranked = hits.sorted { $0.value > $1.value }
        guard let best = ranked.first, best.value >= minimumHits else { return .other }
        if ranked.count > 1 && ranked[1].value == best.value { return .other }
        return best.key
    }

    /// The guess from stopword hits per language (`allCases` order; the same rule as `guess(words:)`).
    static func guess(hits: SIMD8<Int32>) -> LanguageGuess {
        let languages = ordered
        var best = 0
        for l in 1..<languages.count where hits[l] > hits[best] { best = l }
        guard hits[best] >= minimumHits else { return .other }
        for l in 0..<languages.count where l != best && hits[l] == hits[best] { return .other }
        return languages[best]
    }

    /// `allCases`, built once.
    static let ordered = allCases

    /// The languages (bit i: `allCases[i]`) listing the ASCII stopword whose lowercased bytes, packed
    /// little-endian, are `key`; 0 for any other word. Words longer than `asciiStopwordMaxLength` are none.
    static func asciiStopwordLanguages(_ key: UInt64) -> UInt8 {
        let table = asciiStopwordTable
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 55)
        while true {
            let k = table.keys[slot]
            if k == key { return table.languages[slot] }
            if k == 0 { return 0 }
            slot = (slot + 1) & 511
        }
    }

    /// Longest ASCII stopword, in bytes (at most 8, so a packed word is one UInt64).
    static let asciiStopwordMaxLength = asciiStopwordTable.maxLength

    /// Open-addressing table (512 slots, linear probing) of the ASCII stopwords' packed bytes and languages.
    static let asciiStopwordTable: (keys: [UInt64], languages: [UInt8], maxLength: Int) = {
        var keys = [UInt64](repeating: 0, count: 512)
        var languages = [UInt8](repeating: 0, count: 512)
        var maxLength = 0
        for (index, language) in allCases.enumerated() {
            for word in stopwords[language] ?? [] where word.utf8.allSatisfy({ $0 < 0x80 }) {
                precondition(word.utf8.count <= 8 && !word.isEmpty, "ASCII stopwords must be 1 to 8 bytes")
                maxLength = max(maxLength, word.utf8.count)
                var key: UInt64 = 0
                for (k, b) in word.utf8.enumerated() { key |= UInt64(b) << (8 * UInt64(k)) }
                var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 55)
                while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & 511 }
                keys[slot] = key
                languages[slot] |= 1 << UInt8(index)
            }
        }
        return (keys, languages, maxLength)
    }()

    /// Every stopword with the languages that list it (one lookup per word instead of one per language).
    static let stopwordLanguages: [String: [LanguageGuess]] = {
        var index: [String: [LanguageGuess]] = [:]
        for language in allCases { for word in stopwords[language] ?? [] { index[word, default: []].append(language) } }
        return index
    }()

    /// The stopword lists (lowercase, as `TextNormalisation.words` splits them: `"l'eau"` gives `"l"`, `"eau"`).
    public static let stopwords: [LanguageGuess: Set<String>] = [
        .en: [
            "the", "and", "is", "are", "was", "were", "of", "to", "in", "that", "it", "for", "with", "you", "this",
            "what", "how", "does", "i", "my", "can", "not", "be", "have", "on", "your", "from", "an", "which",
            "would", "should", "there", "they", "we", "me", "please", "about", "why",
        ],
        .es: [
            "el", "los", "las", "del", "al", "y", "es", "por", "para", "con", "una", "lo", "como", "qué", "cómo",
            "mi", "pero", "más", "hay", "puedo", "está", "son", "esto", "cuál", "muy", "también", "tengo", "yo",
            "su", "sus", "entre", "cuando", "donde", "dónde",
        ],
        .fr: [
            "le", "les", "des", "du", "et", "est", "une", "qui", "pour", "dans", "pas", "ne", "je", "vous", "nous",
            "sur", "avec", "ce", "cette", "il", "mon", "comment", "au", "aux", "sont", "ça", "quoi", "mais", "ou",
            "où", "être", "avoir", "j", "l", "d", "qu", "c", "n",
        ],
        .de: [
            "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "ich", "sie", "es", "zu", "den", "dem", "mit",
            "von", "auf", "für", "wie", "wir", "auch", "sich", "im", "kann", "bitte", "was", "mein", "meine",
            "sind", "oder", "aber", "wenn", "warum", "wo", "einen",
        ],
        .pt: [
            "o", "os", "do", "da", "dos", "das", "é", "em", "um", "uma", "não", "na", "mais", "eu", "meu", "minha",
            "você", "isso", "são", "também", "ao", "pelo", "pela", "como", "qual", "tem", "seu", "sua", "muito",
            "fazer", "onde", "quando", "porque", "está",
        ],
        .it: [
            "il", "gli", "di", "della", "che", "è", "per", "sono", "mi", "questo", "questa", "cosa", "ho", "nel",
            "nella", "alla", "anche", "ma", "più", "come", "non", "una", "un", "del", "dei", "delle", "perché",
            "quando", "dove", "molto", "fare", "io",
        ],
    ]
}
