// TextNormalisationTests: normalisation, word tokens, word n-grams and padded character n-grams.

@testable import Slicing
import Testing

@Test(arguments: [
    ("  Hello\n\tWORLD ", "hello world"),
    ("A  B   C", "a b c"),
    ("\u{00A0}Non-breaking\u{2003}space\u{3000}", "non-breaking space"),
    ("ÉCOLE Straße", "école straße"),
    ("", ""),
    (" \n ", ""),
    ("Привет   МИР", "привет мир"),
])
func normalise(_ input: String, _ expected: String) {
    #expect(TextNormalisation.normalise(input) == expected)
}

@Test(arguments: [
    ("Hello, world!", ["hello", "world"]),
    ("don't e-mail me", ["don", "t", "e", "mail", "me"]),
    ("GPT-4o costs $2.50", ["gpt", "4o", "costs", "2", "50"]),
    ("Привет, мир", ["привет", "мир"]),
    ("こんにちは世界", ["こ", "ん", "に", "ち", "は", "世", "界"]),
    ("안녕하세요 세계", ["안녕하세요", "세계"]),
    ("नमस्ते दुनिया", ["नमस्ते", "दुनिया"]),
    ("café_au lait", ["café", "au", "lait"]),
    ("", []),
])
func words(_ input: String, _ expected: [String]) {
    #expect(TextNormalisation.words(input) == expected)
}

@Test(arguments: [
    (["a", "b", "c"], 1...2, ["a", "b", "c", "a b", "b c"]),
    (["a", "b", "c"], 2...3, ["a b", "b c", "a b c"]),
    (["a"], 1...2, ["a"]),
    ([], 1...2, []),
])
func wordNGrams(_ words: [String], _ orders: ClosedRange<Int>, _ expected: [String]) {
    #expect(TextNormalisation.wordNGrams(words, orders: orders) == expected)
}

@Test(arguments: [
    ("ab", 3...5, [" ab", "ab ", " ab "]),
    ("a", 3...5, [" a "]),
    ("abc d", 3...4, [" ab", "abc", "bc ", " abc", "abc ", " d "]),
    ("мир", 5...5, [" мир "]),
    ("", 3...5, []),
])
func characterNGrams(_ text: String, _ orders: ClosedRange<Int>, _ expected: [String]) {
    #expect(TextNormalisation.characterNGrams(text, orders: orders) == expected)
}

/// The ASCII fast paths (words, script, characters) agree with the Unicode paths on every ASCII byte in
/// random texts.
@Test func asciiFastPathsMatchUnicodePaths() {
    var random = SystemRandomNumberGenerator()
    let alphabet = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) } + ["\r\n"]
    for length in [0, 1, 5, 40, 300] {
        for _ in 0..<50 {
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &random)! })
            #expect(TextNormalisation.asciiWords(text) == TextNormalisation.unicodeWords(text), "\(text.debugDescription)")
            #expect(Descriptors.characterCount(text) == text.count, "\(text.debugDescription)")
            let letters = text.unicodeScalars.contains { $0.properties.isAlphabetic }
            #expect(Script.guess(text) == (letters ? .latin : .other))
        }
    }
    #expect(TextNormalisation.asciiWords("café") == nil)
}
