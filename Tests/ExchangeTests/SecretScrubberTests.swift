// SecretScrubber tests: a table of inputs and expected outputs — every key shape, near misses that must
// stay, several secrets in one text, idempotence — and the no-copy fast path.

@testable import Exchange
import Testing

@Suite struct SecretScrubberTests {
    static let cases: [(String, String)] = [
        // OpenAI / Anthropic keys
        ("key sk-abcdefghijklmnopqrstuvwx end", "key <SECRET> end"),
        ("sk-proj-harnessFAKEkey0000000000000000", "<SECRET>"),
        ("x-api-key: sk-ant-api03-harnessFAKEkey000000000000000000", "x-api-key: <SECRET>"),
        ("\"sk-ant-api03-AbC_dEf-123456789012345\",", "\"<SECRET>\","),
        // Bearer
        ("Authorization: Bearer sk-ant-api03-harnessFAKEkey000000000000000000000000000",
         "Authorization: Bearer <SECRET>"),
        ("authorization: bearer abc123def456", "authorization: bearer <SECRET>"),
        ("Bearer ya29.a0AfH6SMBx", "Bearer <SECRET>"),
        // JWT
        ("token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk;",
         "token=<SECRET>;"),
        // AWS
        ("aws AKIAIOSFODNN7EXAMPLE here", "aws <SECRET> here"),
        ("ASIAY34FZKBOKMUTVV7A", "<SECRET>"),
        // GitHub
        ("ghp_0123456789abcdefghijABCDEFGHIJ012345", "<SECRET>"),
        ("gho_16C7e42F292c6912E7710c838347Ae178B4a and more", "<SECRET> and more"),
        ("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "<SECRET>"),
        // api_key values
        ("api_key=abcdef123456&x=1", "api_key=<SECRET>&x=1"),
        ("OPENAI_API_KEY=not-an-sk-but-secret", "OPENAI_API_KEY=<SECRET>"),
        (#"{"api_key": "zzzzzzzzzzzz", "n": 1}"#, #"{"api_key": "<SECRET>", "n": 1}"#),
        ("apiKey: 'qwertyuiopasdf'", "apiKey: '<SECRET>'"),
        // several in one text
        ("a sk-aaaaaaaaaaaaaaaaaaaaaaaa b AKIAIOSFODNN7EXAMPLE c", "a <SECRET> b <SECRET> c"),
        // near misses stay as they are
        ("sk-short", "sk-short"),
        ("sk-abcdefghijklmnopqrs", "sk-abcdefghijklmnopqrs"),
        ("a skeleton key", "a skeleton key"),
        ("risk-abcdefghijklmnopqrstuvwxyz", "risk-abcdefghijklmnopqrstuvwxyz"),
        ("the Bearer scheme", "the Bearer scheme"),
        ("Bearer", "Bearer"),
        ("Bearer authentication", "Bearer authentication"),
        ("AKIA1234", "AKIA1234"),
        ("AKIAIOSFODNN7EXAMPLEX", "AKIAIOSFODNN7EXAMPLEX"),
        ("eyJhbGciOiJIUzI1NiJ9 alone", "eyJhbGciOiJIUzI1NiJ9 alone"),
        ("ghp_short", "ghp_short"),
        ("api_key=short", "api_key=short"),
        (#""api_key": null"#, #""api_key": null"#),
        ("api_keys are rotated", "api_keys are rotated"),
        ("héllo wörld — no secrets ✓", "héllo wörld — no secrets ✓"),
        ("", ""),
        // idempotent
        ("Bearer <SECRET>", "Bearer <SECRET>"),
        (#""api_key": "<SECRET>""#, #""api_key": "<SECRET>""#),
    ]

    @Test(arguments: cases)
    func scrub(input: String, expected: String) {
        #expect(SecretScrubber.scrub(input) == expected)
        #expect(SecretScrubber.scrub(expected) == expected)
    }

    @Test func keepsSurroundingUnicode() {
        #expect(SecretScrubber.scrub("ключ: sk-abcdefghijklmnopqrstuvwx ✓") == "ключ: <SECRET> ✓")
    }

    @Test func cleanTextIsReturnedWithoutCopying() {
        let text = String(repeating: "a perfectly ordinary sentence without credentials. ", count: 50)
        let result = SecretScrubber.scrub(text)
        let before = text.utf8.withContiguousStorageIfAvailable { $0.baseAddress }
        let after = result.utf8.withContiguousStorageIfAvailable { $0.baseAddress }
        #expect(before != nil && before == after)
    }
}
