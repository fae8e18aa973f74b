// DescriptorsFastPathTests: the byte-level descriptors (ASCII word facts, one-pass code and URL detection, the
// question check on the text's ends) give exactly what the first, scalar-by-scalar implementations (kept here
// as the reference) give, on a varied corpus.

@testable import Slicing
import SliceWatchTesting
import Testing

/// The first implementations.
enum DescriptorsReference {
    static func descriptors(_ text: String, turns: Int) -> Descriptors {
        let words = TextNormalisation.unicodeWords(text)
        var d = Descriptors(text: "", turns: turns)
        d.characters = text.count
        d.words = words.count
        d.script = Script.guess(text)
        d.language = d.script == .latin ? LanguageGuess.guess(words: words) : nil
        d.containsCode = looksLikeCode(text)
        d.containsURL = containsURL(text)
        d.isQuestion = isQuestion(text, words: words)
        d.isInstruction = words.first.map { Descriptors.imperativeVerbs.contains($0) } ?? false
        return d
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        for i in 0...(haystack.count - needle.count) where haystack[i] == first {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    static func looksLikeCode(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        if contains(bytes, Array("```".utf8)) { return true }
        var nonSpace = 0
        var symbols = 0
        for scalar in text.unicodeScalars where !scalar.properties.isWhitespace {
            nonSpace += 1
            if "{}[]();=<>".unicodeScalars.contains(scalar) { symbols += 1 }
        }
        guard nonSpace > 0 else { return false }
        let density = Double(symbols) / Double(nonSpace)
        let score = Descriptors.strongCodeTokens.reduce(0) { $0 + (contains(bytes, Array($1.utf8)) ? 2 : 0) }
            + Descriptors.weakCodeTokens.reduce(0) { $0 + (contains(bytes, Array($1.utf8)) ? 1 : 0) }
        return score >= 3 || (score >= 2 && density >= 0.03) || (nonSpace >= 8 && density >= 0.10)
    }

    static func containsURL(_ text: String) -> Bool {
        let lower = text.utf8.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
        return ["http://", "https://", "ftp://", "www."].contains { contains(lower, Array($0.utf8)) }
    }

    static func isQuestion(_ text: String, words: [String]) -> Bool {
        let trailing: Set<Unicode.Scalar> = [" ", "\n", "\t", "\r", "\"", "'", ")", "”", "’", "»", "*"]
        if let last = text.unicodeScalars.reversed().first(where: { !trailing.contains($0) }),
            last == "?" || last == "？" || last == "؟"
        {
            return true
        }
        if text.unicodeScalars.first(where: { !$0.properties.isWhitespace }) == "¿" { return true }
        return words.first.map { Descriptors.questionWords.contains($0) } ?? false
    }
}

@Suite struct DescriptorsFastPathTests {
    @Test func descriptorsMatchTheReference() {
        var code = 0, urls = 0, questions = 0, instructions = 0, languages = Set<LanguageGuess?>()
        for (n, text) in TextCorpus.texts().enumerated() {
            let d = Descriptors(text: text, turns: n % 5)
            #expect(d == DescriptorsReference.descriptors(text, turns: n % 5), "\(text.debugDescription)")
            if d.containsCode { code += 1 }
            if d.containsURL { urls += 1 }
            if d.isQuestion { questions += 1 }
            if d.isInstruction { instructions += 1 }
            languages.insert(d.language)
        }
        #expect(code > 50 && urls > 50 && questions > 50 && instructions > 20)
        #expect(languages.count == LanguageGuess.allCases.count + 1)  // every guess, and nil
    }

    @Test func stopwordTableFindsEveryASCIIStopword() {
        for (index, language) in LanguageGuess.allCases.enumerated() {
            for word in LanguageGuess.stopwords[language] ?? [] where word.utf8.allSatisfy({ $0 < 0x80 }) {
                var key: UInt64 = 0
                for (k, b) in word.utf8.enumerated() { key |= UInt64(b) << (8 * UInt64(k)) }
                #expect(LanguageGuess.asciiStopwordLanguages(key) & (1 << UInt8(index)) != 0, "\(word)")
            }
        }
        #expect(LanguageGuess.asciiStopwordLanguages(0x7A7A_7A7A) == 0)
    }
}

@Test func fieldIndexesFollowAllCases() {
    for (i, field) in NumericDescriptor.allCases.enumerated() { #expect(field.index == i) }
    for (i, field) in CategoricalDescriptor.allCases.enumerated() { #expect(field.index == i) }
    var sketch = DescriptorSketch()
    sketch.add(Descriptors(text: "How do I fix this? ```x```", turns: 3))
    #expect(sketch.histograms.count == NumericDescriptor.allCases.count)
    #expect(sketch.categories[.containsCode]?["true"] == 1 && sketch[.isQuestion]["true"] == 1)
    #expect(sketch.histograms[.turns] == sketch[.turns] && sketch[.turns].total == 1)
}
