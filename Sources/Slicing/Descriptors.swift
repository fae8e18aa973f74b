// Descriptors: cheap, model-free facts about one input (length, script, language, code, URLs, question or
// instruction, turns) whose distributions are compared between the eval set and live traffic.

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
        let words = TextNormalisation.words(text)
        characters = Self.characterCount(text)
        self.words = words.count
        script = Script.guess(text)
        language = script == .latin ? LanguageGuess.guess(words: words) : nil
        containsCode = Self.looksLikeCode(text)
        containsURL = Self.containsURL(text)
        isQuestion = Self.isQuestion(text, words: words)
        isInstruction = words.first.map { Self.imperativeVerbs.contains($0) } ?? false
        self.turns = turns
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
    public static func looksLikeCode(_ text: String) -> Bool {
        var utf8 = text  // contiguous UTF-8 for memmem
        if utf8.withUTF8({ Self.contains($0, fence) }) { return true }
        var nonSpace = 0
        var symbols = 0
        func count(_ scalar: Unicode.Scalar) {
            nonSpace += 1
            switch scalar {
            case "{", "}", "[", "]", "(", ")", ";", "=", "<", ">": symbols += 1
            default: break
            }
        }
        for scalar in text.unicodeScalars {
            // ASCII white space is 9-13 and 32; other scalars ask the Unicode tables.
            if scalar.value < 0x80 {
                if scalar.value != 32 && !(9...13).contains(scalar.value) { count(scalar) }
            } else if !scalar.properties.isWhitespace {
                count(scalar)
            }
        }
        guard nonSpace > 0 else { return false }
        let density = Double(symbols) / Double(nonSpace)
        let score = utf8.withUTF8 { bytes in
            strongCodeBytes.reduce(0) { $0 + (Self.contains(bytes, $1) ? 2 : 0) }
                + weakCodeBytes.reduce(0) { $0 + (Self.contains(bytes, $1) ? 1 : 0) }
        }
        return score >= 3 || (score >= 2 && density >= 0.03) || (nonSpace >= 8 && density >= 0.10)
    }

    /// Whether `text` contains a URL with a scheme (`http://`, `https://`, `ftp://`, any case) or a `www.` host.
    public static func containsURL(_ text: String) -> Bool {
        // ASCII-lowercased bytes: the markers are ASCII, so other bytes can stay as they are.
        let lower = text.utf8.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
        return lower.withUnsafeBufferPointer { bytes in urlMarkers.contains { Self.contains(bytes, $0) } }
    }

    private static let strongCodeBytes = strongCodeTokens.map { Array($0.utf8) }
    private static let weakCodeBytes = weakCodeTokens.map { Array($0.utf8) }
    private static let fence = Array("```".utf8)
    private static let urlMarkers = ["http://", "https://", "ftp://", "www."].map { Array($0.utf8) }

    /// Byte-substring search: the tokens are short ASCII, and String.contains through Foundation is slow.
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// A question: ends (ignoring trailing spaces and closing quotes/brackets) with `?`, `？` or `؟`, starts with
    /// `¿`, or its first word is in `questionWords`.
    public static func isQuestion(_ text: String, words: [String]) -> Bool {
        let trailing: Set<Unicode.Scalar> = [" ", "\n", "\t", "\r", "\"", "'", ")", "”", "’", "»", "*"]
        if let last = text.unicodeScalars.reversed().first(where: { !trailing.contains($0) }),
            last == "?" || last == "？" || last == "؟"
        {
            return true
        }
        if text.unicodeScalars.first(where: { !$0.properties.isWhitespace }) == "¿" { return true }
        return words.first.map { questionWords.contains($0) } ?? false
    }
}
