// TextNormalizerTests: case, whitespace, punctuation (edges, inside words, repeats), apostrophes, Unicode
// lowercasing, diacritic folding and ignorable scalars.

import Dedup
import Testing

@Test(arguments: [
    ("What is my balance?", "what is my balance"),
    ("what is my  balance", "what is my balance"),
    ("  Hello\n\t WORLD  ", "hello world"),
    ("Hello,   WORLD!!!", "hello world"),
    ("wait... what?!", "wait what"),
    ("\"quoted\" (parenthesised) [bracketed]", "quoted parenthesised bracketed"),
    ("- bullet one\n- bullet two", "bullet one bullet two"),
    ("can't", "cant"),
    ("Can’t won't O'Brien", "cant wont obrien"),
    ("e-mail me at bob@example.com", "e-mail me at bob@example.com"),
    ("costs $3.50 (50%)", "costs 3.50 50"),
    ("a--b a...b", "a-b a.b"),
    ("v1.2.3", "v1.2.3"),
    ("hello ,world", "hello world"),
    ("thanks 👍👍", "thanks"),
    ("ÉCOLE Straße", "ecole strasse"),
    ("Ærø Łódź naïve café", "aero lodz naive cafe"),
    ("cafe\u{301}", "cafe"),
    ("zero\u{200B}width soft\u{AD}hyphen", "zerowidth softhyphen"),
    ("ΣΟΦΙΑ Привет", "σοφια привет"),
    ("日本語のテキスト", "日本語のテキスト"),
    ("???", ""),
    ("", ""),
])
func normalizes(_ input: String, _ expected: String) {
    #expect(TextNormalizer.normalize(input) == expected)
}

@Test func normalizationIsIdempotent() {
    for text in ["Hello,   WORLD!!!", "e-mail me at bob@example.com", "Ærø Łódź", "a--b", "can't stop"] {
        let once = TextNormalizer.normalize(text)
        #expect(TextNormalizer.normalize(once) == once)
    }
}
