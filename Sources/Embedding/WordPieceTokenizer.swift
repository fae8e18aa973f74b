// WordPieceTokenizer: BERT's uncased tokenizer, as used by all-MiniLM-L6-v2. Basic tokenization (drop control
// characters, whitespace to spaces, CJK ideographs as their own words, lowercase, strip accents by NFD and
// dropping nonspacing marks, split off punctuation) followed by greedy longest-match WordPiece with "##"
// continuations, "[UNK]" for words over 100 characters or with no match, wrapped in [CLS] ... [SEP] and truncated.
// It follows the rules of HF transformers' BasicTokenizer/WordpieceTokenizer; scripts/reference_embeddings.py has
// an independent Python port checked against HF `tokenizers`, and the tests compare the two.

import Foundation

/// Turns text into BERT token ids with a WordPiece vocabulary (one token per line of vocab.txt; line n is id n).
public struct WordPieceTokenizer: Sendable {
    /// Words with more Unicode scalars than this become a single "[UNK]".
    public static let maxWordScalars = 100

    /// The vocabulary, token to id.
    public let vocabulary: [String: Int]
    public let clsID: Int
    public let sepID: Int
    public let unknownID: Int
    /// The most ids `encode` returns, [CLS] and [SEP] included (256 is sentence-transformers' max_seq_length for
    /// all-MiniLM-L6-v2).
    public let maxTokens: Int

    /// Builds a tokenizer from the tokens in id order. Throws if [CLS], [SEP] or [UNK] is missing.
    public init(tokens: [String], maxTokens: Int = 256) throws {
        var vocabulary: [String: Int] = [:]
        vocabulary.reserveCapacity(tokens.count)
        for (id, token) in tokens.enumerated() { vocabulary[token] = id }
        func special(_ token: String) throws -> Int {
            guard let id = vocabulary[token] else { throw EmbeddingError("vocabulary lacks the special token \(token)") }
            return id
        }
        guard maxTokens >= 2 else { throw EmbeddingError("maxTokens must be at least 2, got \(maxTokens)") }
        self.vocabulary = vocabulary
        self.clsID = try special("[CLS]")
        self.sepID = try special("[SEP]")
        self.unknownID = try special("[UNK]")
        self.maxTokens = maxTokens
    }

    /// Reads a vocab.txt (UTF-8, one token per line, "\n"-separated).
    public init(vocabularyFile path: String, maxTokens: Int = 256) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EmbeddingError("cannot read vocabulary file \(path)")
        }
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        try self.init(tokens: lines.map { String(decoding: $0, as: UTF8.self) }, maxTokens: maxTokens)
    }

    /// The ids for `text`: [CLS], the word pieces (truncated to `maxTokens - 2`), [SEP].
    public func encode(_ text: String) -> [Int] {
        var ids = [clsID]
        outer: for word in basicTokens(text) {
            for id in wordPieceIDs(word) {
                if ids.count == maxTokens - 1 { break outer }
                ids.append(id)
            }
        }
        ids.append(sepID)
        return ids
    }

    /// BERT basic tokenization: cleaned, lowercased, accent-stripped words and single punctuation characters.
    public func basicTokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var word: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            if scalar.value == 0 || scalar.value == 0xFFFD || Self.isControl(scalar) { continue }
            if Self.isWhitespace(scalar) {
                Self.finishWord(&word, into: &tokens)
            } else if Self.isCJK(scalar) {
                Self.finishWord(&word, into: &tokens)
                word.append(scalar)
                Self.finishWord(&word, into: &tokens)
            } else {
                word.append(scalar)
            }
        }
        Self.finishWord(&word, into: &tokens)
        return tokens
    }

    /// Greedy longest-match-first WordPiece ids for one basic token.
    public func wordPieceIDs(_ word: String) -> [Int] {
        let scalars = Array(word.unicodeScalars)
        if scalars.count > Self.maxWordScalars { return [unknownID] }
        var ids: [Int] = []
        var start = 0
        while start < scalars.count {
            var end = scalars.count
            var found: Int?
            while start < end {
                var candidate = start > 0 ? "##" : ""
                candidate.unicodeScalars.append(contentsOf: scalars[start..<end])
                if let id = vocabulary[candidate] {
                    found = id
                    break
                }
                end -= 1
            }
            guard let id = found else { return [unknownID] }
            ids.append(id)
            start = end
        }
        return ids
    }

    // MARK: Character classes (as in BERT's tokenization.py)

    /// Lowercases, strips accents and splits off punctuation from one whitespace-delimited word, then empties it.
    private static func finishWord(_ word: inout [Unicode.Scalar], into tokens: inout [String]) {
        if word.isEmpty { return }
        defer { word.removeAll(keepingCapacity: true) }
        var lowered = String.UnicodeScalarView()
        var ascii = true
        for scalar in word {
            if scalar.isASCII {
                lowered.append(scalar.value >= 65 && scalar.value <= 90 ? Unicode.Scalar(scalar.value + 32)! : scalar)
            } else {
                ascii = false
                lowered.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        var stripped = lowered
        if !ascii {
            stripped = String.UnicodeScalarView()
            for scalar in String(lowered).decomposedStringWithCanonicalMapping.unicodeScalars
            where scalar.properties.generalCategory != .nonspacingMark {
                stripped.append(scalar)
            }
        }
        var piece = String.UnicodeScalarView()
        for scalar in stripped {
            if isPunctuation(scalar) {
                if !piece.isEmpty { tokens.append(String(piece)); piece = String.UnicodeScalarView() }
                tokens.append(String(scalar))
            } else {
                piece.append(scalar)
            }
        }
        if !piece.isEmpty { tokens.append(String(piece)) }
    }

    /// Tab, newline and carriage return count as whitespace, not control.
    static func isControl(_ s: Unicode.Scalar) -> Bool {
        if s == "\t" || s == "\n" || s == "\r" { return false }
        switch s.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned: return true
        default: return false
        }
    }

    /// Space, tab, newline, carriage return and Zs, plus the line and paragraph separators that Python's
    /// str.split() (used by BERT's whitespace_tokenize) also splits on.
    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        if s == " " || s == "\t" || s == "\n" || s == "\r" { return true }
        switch s.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// All non-alphanumeric ASCII printable characters, and every Unicode P* category.
    static func isPunctuation(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if (33...47).contains(v) || (58...64).contains(v) || (91...96).contains(v) || (123...126).contains(v) { return true }
        switch s.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }

    /// The CJK Unified Ideographs blocks (not Hiragana, Katakana or Hangul), as in BERT.
    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F, 0x2B740...0x2B81F,
             0x2B820...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F: return true
        default: return false
        }
    }
}
