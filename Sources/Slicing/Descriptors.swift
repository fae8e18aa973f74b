// Descriptors: cheap, model-free facts about one input (length, script, language, code, URLs, question or
// instruction, turns) whose distributions are compared between the eval set and live traffic. Each is one pass
// over the UTF-8 bytes, with all-ASCII text (most prompts) never building word strings or asking Unicode tables.

/// Model-free descriptors of one input text.
public struct Descriptors: Sendable, Hashable {
    /// Characters (extended grapheme clusters).
    public var characters: Int
    /// Words as `TextNormalisation.words` counts them (each Han/kana character is one word).
    public var words: Int
    /// Writing system of the letters.
    public var script: Script
    /// Stopword-based language guess, for `latin` text only (nil otherwise). See `LanguageGuess` for how crude.
    public var language: LanguageGuess?
    /// Whether the text looks like it contains source code (see `looksLikeCode`).
    public var containsCode: Bool
    /// Whether the text contains an `http://`, `https://`, `ftp://` URL or a `www.` host.
    public var containsURL: Bool
    /// Whether the text ends with a question mark (`?`, `？`, `؟`) or starts with a question word or auxiliary.
    public var isQuestion: Bool
    /// Whether the text starts with an imperative verb from `imperativeVerbs` or with "please".
    public var isInstruction: Bool
    /// Conversation turns (messages) of the input the text came from.
    public var turns: Int

    /// Describes `text`, an input of `turns` turns (messages).
    public init(text: String, turns: Int = 1) {
        characters = Self.characterCount(text)
        let firstWord: String?
        if let ascii = Self.asciiWordFacts(text) {
            // All-ASCII text (most prompts): words counted and stopwords looked up without building the words.
            words = ascii.words
            script = ascii.anyLetter ? .latin : .other
            language = script == .latin ? LanguageGuess.guess(hits: ascii.stopwordHits) : nil
            firstWord = ascii.firstWord
        } else {
            let words = TextNormalisation.words(text)
            self.words = words.count
            script = Script.guess(text)
            language = script == .latin ? LanguageGuess.guess(words: words) : nil
            firstWord = words.first
        }
        containsCode = Self.looksLikeCode(text)
        containsURL = Self.containsURL(text)
        isQuestion = Self.isQuestion(text, firstWord: firstWord)
        isInstruction = firstWord.map { Self.imperativeVerbs.contains($0) } ?? false
        self.turns = turns
    }

    /// What the descriptors need of the words of an all-ASCII text, in one pass over its bytes: how many words
    /// `TextNormalisation.words` gives, the first one, whether there is a letter (`Script.guess` says latin
    /// then), and the stopword hits per language (`LanguageGuess.allCases` order). Nil for other text.
    static func asciiWordFacts(_ text: String) -> (words: Int, firstWord: String?, anyLetter: Bool, stopwordHits: SIMD8<Int32>)? {
        var copy = text
        return copy.withUTF8 { bytes in
            var hits = SIMD8<Int32>()
            var words = 0
            var anyLetter = false
            var firstStart = -1
            var firstEnd = -1
            var length = 0
            var key: UInt64 = 0  // the word's first 8 lowercased bytes
            func endWord(at i: Int) {
                if words == 0 {
                    firstStart = i - length
                    firstEnd = i
                }
                words += 1
                if length <= LanguageGuess.asciiStopwordMaxLength {
                    let languages = LanguageGuess.asciiStopwordLanguages(key)
                    if languages != 0 {
                        for l in 0..<8 where languages & (1 << l) != 0 { hits[l] += 1 }
                    }
                }
                length = 0
                key = 0
            }
            for i in 0..<bytes.count {
                let b = bytes[i]
                if b >= 0x80 { return nil }
                let lower = b >= 65 && b <= 90 ? b | 0x20 : b
                let letter = lower >= 97 && lower <= 122
                if letter || (lower >= 48 && lower <= 57) {
                    anyLetter = anyLetter || letter
                    if length < 8 { key |= UInt64(lower) << (8 * UInt64(length)) }
                    length += 1
                } else if length > 0 {
                    endWord(at: i)
                }
            }
            if length > 0 { endWord(at: bytes.count) }
            let first = firstStart < 0 ? nil : String(unsafeUninitializedCapacity: firstEnd - firstStart) { out in
                for k in firstStart..<firstEnd {
                    let b = bytes[k]
                    out[k - firstStart] = b >= 65 && b <= 90 ? b | 0x20 : b
                }
                return firstEnd - firstStart
            }
            return (words, first, anyLetter, hits)
        }
    }

    /// Extended grapheme clusters; for ASCII text that is the byte count less one per CR LF pair, without
    /// the grapheme-break machinery.
    static func characterCount(_ text: String) -> Int {
        var copy = text
        let ascii = copy.withUTF8 { bytes -> Int? in
            var pairs = 0
            var previous: UInt8 = 0
            for b in bytes {
                if b >= 0x80 { return nil }
                if b == 10 && previous == 13 { pairs += 1 }
                previous = b
            }
            return bytes.count - pairs
        }
        return ascii ?? text.count
    }

    /// First words that make a text a question.
    public static let questionWords: Set<String> = [
        "what", "why", "how", "when", "where", "who", "whom", "whose", "which", "is", "are", "am", "was", "were",
        "do", "does", "did", "can", "could", "would", "should", "will", "shall", "may", "might", "has", "have", "had",
        "isn", "aren", "don", "doesn", "didn", "won", "wouldn", "shouldn", "couldn", "cannot",
    ]

    /// First words that make a text an instruction ("please" included).
    public static let imperativeVerbs: Set<String> = [
        "please", "kindly", "write", "create", "generate", "make", "list", "explain", "summarize", "summarise",
        "translate", "give", "tell", "show", "describe", "find", "fix", "add", "remove", "delete", "convert",
        "rewrite", "rephrase", "draft", "compose", "help", "build", "implement", "calculate", "compute", "compare",
        "suggest", "provide", "classify", "extract", "review", "check", "update", "design", "plan", "outline",
        "analyze", "analyse", "edit", "correct", "refactor", "debug", "format", "sort", "define", "recommend",
        "act", "pretend", "imagine", "book", "schedule", "set", "send", "cancel", "play", "turn", "open", "close",
        "search", "look", "identify", "evaluate", "answer", "solve", "complete", "continue", "use", "return",
        "output", "respond", "reply", "proofread", "paraphrase", "shorten", "expand", "improve", "optimize",
        "optimise", "test", "run", "install", "configure", "deploy", "estimate", "predict", "name", "pick",
        "choose", "select", "count", "read", "draw", "let",
    ]

    /// Substrings that rarely occur outside code; each scores 2.
    public static let strongCodeTokens: [String] = [
        "def ", "function(", "=>", "#include", "console.", "();", ");\n", ";\n", "){", ") {", "</", "/>", "::",
        "#!/", "self.", "this.", "print(", "printf(", "elif ", "lambda ", "fn ", "func ", "!=", "==", "+=",
    ]

    /// Substrings that suggest code but also occur in prose ("what does this function return"); each scores 1.
    public static let weakCodeTokens: [String] = [
        "import ", "return ", "const ", "var ", "function ", "SELECT ", "public ",
    ]

    /// Heuristic code detection. True for a fenced block (```); otherwise the distinct tokens found score 2 each
    /// (`strongCodeTokens`) or 1 each (`weakCodeTokens`), and the text is code when the score is at least 3, or at
    /// least 2 with 3% or more of the non-space characters in `{}[]();=<>`, or when that density alone reaches
    /// 10% (with 8 or more non-space characters).
    ///
    /// One pass over the UTF-8 bytes: ASCII bytes are counted directly (other scalars are decoded and asked
    /// the Unicode tables), and the tokens starting with each byte are tried there.
    public static func looksLikeCode(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { looksLikeCode($0) }
    }

    private static func looksLikeCode(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var nonSpace = 0
        var symbols = 0
        var found: UInt64 = 0  // bit k: code token k (in `codeTokenScores` order) occurs
        var fenced = false
        let n = bytes.count
        var i = 0
        while i < n {
            let b = bytes[i]
            _ = codeTokens.forEachMatch(in: bytes, at: i) { k in
                if k == 0 { fenced = true }  // the fence
                found |= 1 << UInt64(k)
                return !fenced
            }
            if fenced { return true }
            if b < 0x80 {
                // ASCII white space is 9-13 and 32.
                if b != 32 && !(b >= 9 && b <= 13) {
                    nonSpace += 1
                    switch b {
                    case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("),
                        UInt8(ascii: ")"), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"):
                        symbols += 1
                    default:
                        break
                    }
                }
            } else if b >= 0xC0 {  // a lead byte: the scalar it starts
                var scalarEnd = i
                if !TextNormalisation.decodeScalar(bytes, at: &scalarEnd).properties.isWhitespace { nonSpace += 1 }
            }
            i += 1
        }
        guard nonSpace > 0 else { return false }
        let density = Double(symbols) / Double(nonSpace)
        var score = 0
        for k in codeTokenScores.indices where found & (1 << UInt64(k)) != 0 { score += codeTokenScores[k] }
        return score >= 3 || (score >= 2 && density >= 0.03) || (nonSpace >= 8 && density >= 0.10)
    }

    /// Whether `text` contains a URL with a scheme (`http://`, `https://`, `ftp://`, any case) or a `www.` host.
    /// One pass over the UTF-8 bytes, ASCII case folded where a marker could start (the markers are ASCII).
    public static func containsURL(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { b in
            func at(_ i: Int, _ marker: StaticString) -> Bool {
                let m = marker.utf8Start
                let count = marker.utf8CodeUnitCount
                guard b.count - i >= count else { return false }
                for k in 1..<count {
                    let c = b[i + k]
                    if (c >= 65 && c <= 90 ? c | 0x20 : c) != m[k] { return false }
                }
                return true
            }
            for i in 0..<b.count {
                switch b[i] | 0x20 {  // only h, f and w matter: no other byte folds onto them
                case UInt8(ascii: "h"): if at(i, "http://") || at(i, "https://") { return true }
                case UInt8(ascii: "f"): if at(i, "ftp://") { return true }
                case UInt8(ascii: "w"): if at(i, "www.") { return true }
                default: break
                }
            }
            return false
        }
    }

    /// The code tokens: the fence (token 0), then `strongCodeTokens`, then `weakCodeTokens`; their scores.
    private static let codeTokenList = [("```", 0)] + strongCodeTokens.map { ($0, 2) } + weakCodeTokens.map { ($0, 1) }
    private static let codeTokens: BytePatterns = {
        precondition(codeTokenList.count <= 64, "code tokens must fit a 64-bit mask")
        return BytePatterns(codeTokenList.map { Array($0.0.utf8) })
    }()
    private static let codeTokenScores = codeTokenList.map(\.1)

    /// A question: ends (ignoring trailing spaces and closing quotes/brackets) with `?`, `？` or `؟`, starts with
    /// `¿`, or its first word is in `questionWords`.
    public static func isQuestion(_ text: String, words: [String]) -> Bool {
        isQuestion(text, firstWord: words.first)
    }

    /// `isQuestion(_:words:)` given only the first word. The ends of the text are read as bytes while they are
    /// ASCII; a non-ASCII scalar there is looked at through the scalar view.
    static func isQuestion(_ text: String, firstWord: String?) -> Bool {
        var copy = text
        // Whether the last byte that is not ASCII trailing punctuation is `?` (nil when a non-ASCII byte comes
        // first), and whether the first byte that is not ASCII white space is ASCII (or there is none).
        let (endsWithQuestionMark, startsASCII): (Bool?, Bool) = copy.withUTF8 { bytes in
            var ends: Bool? = false
            var i = bytes.count - 1
            while i >= 0 {
                let b = bytes[i]
                if b >= 0x80 {
                    ends = nil
                    break
                }
                switch b {
                case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\""),
                    UInt8(ascii: "'"), UInt8(ascii: ")"), UInt8(ascii: "*"):
                    i -= 1
                    continue
                default:
                    ends = b == UInt8(ascii: "?")
                }
                break
            }
            // ASCII white space is 9-13 and 32; an ASCII first byte is not ¿.
            var j = 0
            while j < bytes.count, bytes[j] == 32 || (bytes[j] >= 9 && bytes[j] <= 13) { j += 1 }
            return (ends, j == bytes.count || bytes[j] < 0x80)
        }
        if let endsWithQuestionMark {
            if endsWithQuestionMark { return true }
        } else if let last = text.unicodeScalars.reversed().first(where: { !questionTrailing.contains($0) }),
            last == "?" || last == "？" || last == "؟"
        {
            return true
        }
        if !startsASCII, text.unicodeScalars.first(where: { !$0.properties.isWhitespace }) == "¿" { return true }
        return firstWord.map { questionWords.contains($0) } ?? false
    }

    /// What `isQuestion` skips at the end of the text.
    static let questionTrailing: Set<Unicode.Scalar> = [" ", "\n", "\t", "\r", "\"", "'", ")", "”", "’", "»", "*"]
}
