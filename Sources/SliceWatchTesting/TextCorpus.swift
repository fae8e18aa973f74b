// TextCorpus: a varied, reproducible set of texts — ASCII and non-ASCII prose, mixed case, curly apostrophes,
// white space of every kind, code, URLs, refusals, secrets and near misses, empty strings — for tests that
// check a fast text path gives exactly what its reference (scalar-by-scalar) version gives.

/// Texts for fast-path-versus-reference tests.
public enum TextCorpus {
    /// Hand-picked texts, each aimed at an edge of some fast path.
    public static let fixed: [String] = [
        "", " ", "\n", "\t \r\n ", "a", "A", "?", "¿", "’", "é", "\u{0301}", "e\u{0301}", "\r\n", "x\r\ny",
        "Hello world", "HELLO WORLD", "hello, world!", "How do I reset my password?", "  what is this?  ",
        "Is it going to rain tomorrow", "My order hasn't arrived yet?", "Why? \"Because\" )", "really?”", "vraiment ?»",
        "¿Cómo puedo cambiar la contraseña de mi cuenta?", "  ¿Qué?", "\u{00A0}¿Qué pasa", "是什么？", "لماذا؟",
        "Comment est-ce que je peux changer le mot de passe de mon compte ?", "Wie kann ich das Passwort für mein Konto ändern?",
        "Como eu posso mudar a senha da minha conta?", "Come posso cambiare la password del mio account? Non funziona",
        "Il est là où je suis", "The the the and and of", "el los las y es por para", "Please write a poem",
        "please WRITE a poem", "Write: a poem", "WRITE", "fix it", "Fixing it", "x-ray vision", "e-mail me",
        "I'm sorry, I can't help with that.", "I’m sorry, but I can’t do that.", "Sorry, I can't.",
        "I ‘m sorry, i can’t", "As an AI language model, I cannot", "I MUST DECLINE.", "Sure! Here is the answer.",
        "Here’s what I can do — step by step…", "Ｉ’m sorry, I can’t", "İ'm sorry, i can't", "naïve café résumé",
        "Straße GROSS ǅemal ﬁne", "Ⅻ chapters, ½ done, ٣ apples, 𝟘 zero", "日本語のテキストです。", "中文文本，没有空格",
        "한국어 텍스트", "Привет, как настроить Docker?", "Γειά σου κόσμε", "नमस्ते दुनिया", "สวัสดีชาวโลก",
        "emoji 👍🏽 family 👨‍👩‍👧 flag 🇫🇷", "tab\tseparated\tvalues", "line\u{2028}separator\u{2029}para", "nbsp\u{00A0}here",
        "ideographic\u{3000}space", "zero\u{200B}width", "control\u{0001}\u{001F}chars\u{007F}", "nul\u{0000}byte",
        "```swift\nlet x = 1\n```", "def add(a, b):\n    return a + b", "const f = function(x) { return x * 2; };\nconsole.log(f(2));",
        "import numpy as np\nx = np.zeros((3, 3))", "#include <stdio.h>\nint main() { printf(\"hi\"); }",
        "if (a == b) { x[i] = y; }", "SELECT name FROM users WHERE id = 3;\n", "fn main() { println!(\"hi\"); }",
        "What does this function return when the list is empty?", "Please return the book to the library by Friday.",
        "It's important to import goods legally (see section 3).", "a => b; c != d; e += 1; f::g; </x> <y/>",
        "lambda x: x\nelif y:\nself.z = this.w", "«café» = {ça; [là]} <é>", "``", "`` `", "```",
        "See https://example.com/docs for details", "http://localhost:8080/health", "Visit WWW.Example.org",
        "FTP://files.example.net/a.zip", "HtTpS://x", "The https protocol is secure", "wwww.", "ww w.", "h",
        "key sk-abcdefghijklmnopqrstuvwx end", "sk-proj-harnessFAKEkey0000000000000000", "sk-short", "risk-abcdefghijklmnopqrstuvwxyz",
        "Authorization: Bearer sk-ant-api03-harnessFAKEkey000000000000000000000000000", "authorization: bearer abc123def456",
        "BEARER\tabcdefgh1", "Bearer authentication", "the Bearer scheme", "bearer", "Bearer <SECRET>",
        "token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk;", "eyJhbGciOiJIUzI1NiJ9 alone",
        "aws AKIAIOSFODNN7EXAMPLE here", "ASIAY34FZKBOKMUTVV7A", "AKIA1234", "AKIAIOSFODNN7EXAMPLEX", "xAKIAIOSFODNN7EXAMPLE",
        "ghp_0123456789abcdefghijABCDEFGHIJ012345", "gho_16C7e42F292c6912E7710c838347Ae178B4a and more", "ghp_short",
        "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "xgithub_pat_11ABCDEFG0123456789_abcdefghij",
        "api_key=abcdef123456&x=1", "OPENAI_API_KEY=not-an-sk-but-secret", #"{"api_key": "zzzzzzzzzzzz", "n": 1}"#,
        "apiKey: 'qwertyuiopasdf'", "API-KEY  :  \"spaced out value\"", "apikey\t=\tabcdefghij", "api_key=short",
        #""api_key": null"#, "api_keys are rotated", "key: value", "monkey = banana123456", "apiKEY'  =abcdefghijk",
        "a sk-aaaaaaaaaaaaaaaaaaaaaaaa b AKIAIOSFODNN7EXAMPLE c", "héllo wörld — no secrets ✓", "ключ: sk-abcdefghijklmnopqrstuvwx",
    ]

    /// Pieces the generated texts are glued from.
    static let pieces: [String] = [
        " ", "  ", "\n", "\r\n", "\t", "\u{00A0}", "\u{3000}", ".", ",", "?", "!", "'", "’", "‘", "\"", "”", "»", ")",
        "*", "(", "{", "}", "[", "]", ";", "=", "<", ">", ":", "-", "_", "/", "#", "`", "```", "the", "The", "THE",
        "and", "what", "What", "please", "Please", "write", "sorry", "I'm", "I’m", "can't", "can’t", "i", "I", "cannot",
        "help", "with", "that", "el", "la", "der", "die", "le", "les", "il", "che", "não", "está", "qué", "für", "où",
        "café", "naïve", "Straße", "İ", "ǅ", "Ω", "мир", "日本", "语", "👍🏽", "e\u{0301}", "٣", "½", "x", "42", "3.14",
        "def ", "return ", "function(", "console.", "==", "=>", "http://", "https://", "www.", "ftp://", "HTTP://",
        "sk-", "sk-abcdefghijklmnopqrstuvwx", "Bearer ", "bearer abcdefgh1", "eyJ", "eyJhbGciOi.eyJzdWIi.sig_nature",
        "AKIA", "AKIAIOSFODNN7EXAMPLE", "ghp_", "ghp_0123456789abcdefghij", "github_pat_", "api_key", "API_KEY",
        "api-key", "apikey", "=abcdefgh12", ": \"quoted-value\"", "'", "key", "ghost", "ask", "skeleton", "abcdefghijklmnop",
    ]

    /// `fixed`, then `count` texts of up to `maxPieces` random pieces each (reproducible from `seed`), then a few
    /// long texts (several hundred characters) around the cut-offs of prefix-based checks.
    public static func texts(count: Int = 3000, maxPieces: Int = 40, seed: UInt64 = 20_240_611) -> [String] {
        var random = SplitMix64(seed: seed)
        var out = fixed
        for _ in 0..<count {
            let n = Int(random.next() % UInt64(maxPieces + 1))
            var text = ""
            for _ in 0..<n { text += pieces[Int(random.next() % UInt64(pieces.count))] }
            out.append(text)
        }
        for filler in ["a", "é", "’", " ", "\r\n", "x "] {
            for length in [159, 160, 161, 239, 240, 241, 479, 480, 481] {
                let head = String(repeating: filler, count: length)
                out.append(head)
                out.append(head + "I'm sorry, I can't")
                out.append("Sure. " + head + " I must decline")
                out.append(head + "e\u{0301}" + head)
            }
        }
        return out
    }
}
