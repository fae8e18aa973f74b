// QualityFastPathTests: the byte-level refusal search, input key and answer fingerprint give exactly what their
// scalar-by-scalar references (the first implementations, kept here) give, on a varied corpus and under
// refusal settings with odd phrases and prefix lengths.

import Hashing
@testable import Quality
import SliceWatchTesting
import Testing

/// The first implementations, scalar by scalar.
enum Reference {
    static func opensWithRefusal(_ settings: QualitySettings, _ output: String) -> Bool {
        // Phrases and answer folded alike: lowercased (phrases fully, the answer's ASCII), ‘ and ’ as '.
        func quotes(_ s: Unicode.Scalar) -> Unicode.Scalar { s.value == 0x2018 || s.value == 0x2019 ? "'" : s }
        let phrases = settings.refusalPhrases.map { Array(String(String.UnicodeScalarView($0.lowercased().unicodeScalars.map(quotes))).utf8) }
            .filter { !$0.isEmpty }
        guard !phrases.isEmpty, !output.isEmpty else { return false }
        var head: [UInt8] = []
        var count = 0
        for scalar in output.unicodeScalars {
            if count >= settings.refusalPrefix { break }
            count += 1
            switch scalar.value {
            case 0x41...0x5A: head.append(UInt8(scalar.value) + 32)
            default: head.append(contentsOf: String(quotes(scalar)).utf8)
            }
        }
        return phrases.contains { phrase in
            guard phrase.count <= head.count else { return false }
            outer: for start in 0...(head.count - phrase.count) {
                for k in phrase.indices where head[start + k] != phrase[k] { continue outer }
                return true
            }
            return false
        }
    }

    static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 32 : b }

    static func key(_ input: String, _ context: String?) -> UInt64 {
        var h = StableHash()
        var space = true
        for s in input.unicodeScalars {
            if s.isASCII ? (s.value == 0x20 || (s.value >= 0x09 && s.value <= 0x0D)) : s.properties.isWhitespace {
                if !space { h.combine(0x20) }
                space = true
                continue
            }
            space = false
            if s.isASCII {
                h.combine(lower(UInt8(s.value)))
            } else {
                for b in String(s).lowercased().utf8 { h.combine(b) }
            }
        }
        h.combine(0)
        for b in (context ?? "").utf8 { h.combine(b) }
        return h.fnv1a
    }

    static func fingerprint(_ answer: String) -> [UInt32] {
        var words: [UInt32] = []
        var h: UInt32 = 2_166_136_261
        var inWord = false
        for s in answer.unicodeScalars {
            let ascii = s.isASCII ? UInt8(s.value) : nil
            let wordy = ascii.map { ($0 >= 0x30 && $0 <= 0x39) || (lower($0) >= 0x61 && lower($0) <= 0x7A) }
                ?? (s.properties.isAlphabetic || s.properties.numericType != nil)
            if wordy {
                if let ascii {
                    h = (h ^ UInt32(lower(ascii))) &* 16_777_619
                } else {
                    for b in String(s).lowercased().utf8 { h = (h ^ UInt32(b)) &* 16_777_619 }
                }
                inWord = true
            } else if inWord {
                words.append(h)
                if words.count >= ConsistencyTracker.fingerprintWords { break }
                h = 2_166_136_261
                inWord = false
            }
        }
        if inWord && words.count < ConsistencyTracker.fingerprintWords { words.append(h) }
        return Array(Set(words)).sorted()
    }
}

@Suite struct QualityFastPathTests {
    static let corpus = TextCorpus.texts()

    static var settingsVariants: [QualitySettings] {
        var variants = [QualitySettings()]
        for prefix in [0, 1, 5, 18, 161, 1000] {
            var s = QualitySettings()
            s.refusalPrefix = prefix
            variants.append(s)
        }
        var odd = QualitySettings()
        odd.refusalPhrases = ["", "I", "Sorry", "I’M SORRY", "café", "İ'm", "K", "no, i can't", "?", "it's"]
        odd.refusalPrefix = 40
        variants.append(odd)
        var none = QualitySettings()
        none.refusalPhrases = []
        variants.append(none)
        var nonASCII = QualitySettings()
        nonASCII.refusalPhrases = ["je ne peux pas, désolé", "’"]
        variants.append(nonASCII)
        return variants
    }

    @Test func refusalSearchMatchesTheReference() {
        var refusals = 0
        for settings in Self.settingsVariants {
            let checker = QualityChecker(settings: settings)
            for text in Self.corpus {
                let expected = Reference.opensWithRefusal(settings, text)
                #expect(checker.opensWithRefusal(text) == expected, "\(text.debugDescription) \(settings.refusalPhrases)")
                if expected { refusals += 1 }
            }
        }
        #expect(refusals > 50)
    }

    @Test func keyMatchesTheReference() {
        for text in Self.corpus {
            #expect(ConsistencyTracker.key(text, nil) == Reference.key(text, nil), "\(text.debugDescription)")
            #expect(ConsistencyTracker.key(text, "ctx") == Reference.key(text, "ctx"), "\(text.debugDescription)")
        }
    }

    @Test func fingerprintMatchesTheReference() {
        for text in Self.corpus {
            #expect(ConsistencyTracker.fingerprint(text) == Reference.fingerprint(text), "\(text.debugDescription)")
        }
        let long = (0..<60).map { "Word\($0) é\($0 % 7)" }.joined(separator: " — ")
        #expect(ConsistencyTracker.fingerprint(long) == Reference.fingerprint(long))
    }
}
