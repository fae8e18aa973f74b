// WordPieceTokenizerTests: BERT basic tokenization and WordPiece on a tiny hand-made vocabulary (no model needed):
// lowercasing, accent stripping, punctuation and CJK splitting, control characters, ## continuations, [UNK] for
// unmatchable and over-long words, [CLS]/[SEP] wrapping and truncation, and vocab.txt loading.

import Embedding
import Foundation
import Testing

struct WordPieceTokenizerTests {
    static let tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "hello", "world", "!", ",",
                         "cafe", "naive", "我", "的", "a", "##b", "##c", "'", "s", "x", "##x", "="]
    let tokenizer = try! WordPieceTokenizer(tokens: tokens)

    func id(_ token: String) -> Int { tokenizer.vocabulary[token]! }

    @Test func basicTokenizationLowercasesAndSplitsPunctuation() {
        #expect(tokenizer.basicTokens("Hello, WORLD!") == ["hello", ",", "world", "!"])
        #expect(tokenizer.basicTokens("  it's\tfine\n") == ["it", "'", "s", "fine"])
        #expect(tokenizer.basicTokens("a$b^c`d~e") == ["a", "$", "b", "^", "c", "`", "d", "~", "e"])
        #expect(tokenizer.basicTokens("¿qué?—sí…") == ["¿", "que", "?", "—", "si", "…"])
    }

    @Test func accentsAreStrippedAfterLowercasing() {
        #expect(tokenizer.basicTokens("Café NAÏVE Résumé Ångström") == ["cafe", "naive", "resume", "angstrom"])
        // Decomposed input (e + combining acute) ends up the same as precomposed.
        #expect(tokenizer.basicTokens("cafe\u{301}") == ["cafe"])
        // ≠ decomposes to = plus a combining mark, and = is punctuation.
        #expect(tokenizer.basicTokens("a≠b") == ["a", "=", "b"])
    }

    @Test func cjkIdeographsAreSeparateWordsButKanaIsNot() {
        #expect(tokenizer.basicTokens("我的abc") == ["我", "的", "abc"])
        #expect(tokenizer.basicTokens("ひらがな") == ["ひらかな"])  // dakuten is a nonspacing mark after NFD
    }

    @Test func controlCharactersAreDroppedAndOddWhitespaceSplits() {
        #expect(tokenizer.basicTokens("a\u{0}b\u{7}c\u{200B}d\u{FFFD}e") == ["abcde"])
        #expect(tokenizer.basicTokens("a\u{A0}b\u{3000}c\u{2028}d") == ["a", "b", "c", "d"])
        #expect(tokenizer.basicTokens("") == [])
        #expect(tokenizer.basicTokens(" \t\n ") == [])
    }

    @Test func wordPieceIsGreedyLongestMatch() {
        #expect(tokenizer.wordPieceIDs("unaffable") == [id("un"), id("##aff"), id("##able")])
        #expect(tokenizer.wordPieceIDs("abc") == [id("a"), id("##b"), id("##c")])
        #expect(tokenizer.wordPieceIDs("xxx") == [id("x"), id("##x"), id("##x")])
        #expect(tokenizer.wordPieceIDs("unknown") == [id("[UNK]")])  // "un" matches, "##known" cannot
        #expect(tokenizer.wordPieceIDs("zz") == [id("[UNK]")])
    }

    @Test func overlongWordsAreUnknown() {
        #expect(tokenizer.wordPieceIDs(String(repeating: "x", count: 100)).count == 100)
        #expect(tokenizer.wordPieceIDs(String(repeating: "x", count: 101)) == [id("[UNK]")])
    }

    @Test func encodeWrapsAndTruncates() throws {
        #expect(tokenizer.encode("") == [id("[CLS]"), id("[SEP]")])
        #expect(tokenizer.encode("Hello, wörld!") == [id("[CLS]"), id("hello"), id(","), id("world"), id("!"), id("[SEP]")])
        let short = try WordPieceTokenizer(tokens: Self.tokens, maxTokens: 4)
        #expect(short.encode("hello world hello") == [id("[CLS]"), id("hello"), id("world"), id("[SEP]")])
        // Truncation may cut a word between its pieces, as HF does.
        #expect(short.encode("unaffable") == [id("[CLS]"), id("un"), id("##aff"), id("[SEP]")])
        #expect(tokenizer.encode(String(repeating: "hello ", count: 300)).count == 256)
    }

    @Test func vocabularyFileAndMissingSpecialTokens() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("wp-vocab-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try (Self.tokens.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = try WordPieceTokenizer(vocabularyFile: path)
        #expect(loaded.vocabulary == tokenizer.vocabulary)
        #expect(loaded.clsID == 2 && loaded.sepID == 3 && loaded.unknownID == 1)
        #expect(throws: EmbeddingError.self) { try WordPieceTokenizer(tokens: ["[CLS]", "[SEP]"]) }
        #expect(throws: EmbeddingError.self) { try WordPieceTokenizer(vocabularyFile: path + ".missing") }
    }
}
