// SecretScrubberPrescanTests: the pre-scan never rejects a text the full scan would change — the scrubber with
// the pre-scan and the bare full scan agree on a varied corpus (and around every secret shape, with one byte
// left out anywhere), and an interaction without secrets comes back equal.

@testable import Exchange
import SliceWatchTesting
import Testing

@Suite struct SecretScrubberPrescanTests {
    static func both(_ bytes: [UInt8]) -> (fast: [UInt8]?, reference: [UInt8]?) {
        bytes.withUnsafeBufferPointer { (SecretScrubber.scrub(bytes: $0), SecretScrubber.scrubScanning(bytes: $0)) }
    }

    @Test func prescanAgreesWithTheFullScan() {
        var scrubbed = 0
        for text in TextCorpus.texts() {
            let (fast, reference) = Self.both(Array(text.utf8))
            #expect(fast == reference, "\(text.debugDescription)")
            if reference != nil { scrubbed += 1 }
        }
        #expect(scrubbed > 100)  // the corpus does exercise the matchers
    }

    @Test func prescanAgreesAroundEverySecretShape() {
        let secrets = [
            "sk-abcdefghijklmnopqrstuvwx", "Bearer abcdefgh1", "bearer\tabcdefghijklmnopqrstu",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4", "AKIAIOSFODNN7EXAMPLE", "ASIAY34FZKBOKMUTVV7A",
            "ghp_0123456789abcdefghijABCD", "ghr_0123456789abcdefghijABCD", "github_pat_11ABCDEFG0123456789_abc",
            "api_key=abcdef123456", "API-KEY\" : 'qwertyuiopasdf'", "apikey  =  zzzzzzzzzzzz", "x_Api_Key:abcdefgh",
        ]
        let around = ["", " ", "x", "é", "_", "-", "\"", "\n", "(", "7"]
        for secret in secrets {
            for before in around {
                for after in around {
                    let bytes = Array((before + secret + after).utf8)
                    let (fast, reference) = Self.both(bytes)
                    #expect(fast == reference, "\((before + secret + after).debugDescription)")
                    for drop in bytes.indices {
                        var shorter = bytes
                        shorter.remove(at: drop)
                        let r = Self.both(shorter)
                        #expect(r.fast == r.reference, "\(String(decoding: shorter, as: UTF8.self).debugDescription)")
                    }
                }
            }
        }
    }

    @Test func scrubbedChangesOnlyWhatHoldsSecrets() {
        var i = Interaction(id: "t", api: .openAIChat)
        i.conversation = [Turn(role: "system", text: "Be brief."), Turn(role: "user", text: "key sk-abcdefghijklmnopqrstuvwx")]
        i.input = "key sk-abcdefghijklmnopqrstuvwx"
        i.output = "Done — no secrets here."
        let s = i.scrubbed()
        #expect(s.conversation == [Turn(role: "system", text: "Be brief."), Turn(role: "user", text: "key <SECRET>")])
        #expect(s.input == "key <SECRET>")
        #expect(s.output == i.output)
        i.conversation[1].text = "nothing"
        i.input = "nothing"
        #expect(i.scrubbed() == i)
    }
}

/// The clean-text memo answers exactly as the scrubber does: a long clean text repeated is skipped, a text with a
/// secret is scrubbed every time (never remembered), and more distinct texts than it holds still answer alike.
@Suite struct CleanTextsTests {
    static let policy = String(repeating: "Follow company policy: verify the customer before any change. ", count: 8)

    @Test func memoAgreesWithTheScrubber() {
        var memo = CleanTexts()
        let secret = Self.policy + " token sk-abcdefghijklmnopqrstuvwx"
        let texts = [Self.policy, secret, Self.policy, secret, "short sk-abcdefghijklmnopqrstuvwx", Self.policy + "!"]
        for _ in 0..<3 {
            for text in texts { #expect(memo.scrubbedIfChanged(text) == SecretScrubber.scrubbedIfChanged(text)) }
        }
        for text in TextCorpus.texts() where text.utf8.count >= 256 {
            #expect(memo.scrubbedIfChanged(text) == SecretScrubber.scrubbedIfChanged(text), "\(text.debugDescription)")
        }
    }

    @Test func repeatedConversationsScrubAlike() {
        var memo = CleanTexts()
        var i = Interaction(id: "t", api: .openAIChat)
        for round in 0..<20 {
            let user = round % 3 == 0 ? "my key is sk-abcdefghijklmnopqrstuv\(round)" : "question \(round)"
            i.conversation = [Turn(role: "system", text: Self.policy), Turn(role: "user", text: user)]
            i.input = user
            #expect(i.scrubbed(remembering: &memo) == i.scrubbed())
        }
        // A different text of the same length is not mistaken for the remembered one.
        var twin = Array(Self.policy.utf8)
        twin.replaceSubrange(100..<128, with: Array(" sk-abcdefghijklmnopqrstuvwx".utf8))
        #expect(twin.count == Self.policy.utf8.count)
        let text = String(decoding: twin, as: UTF8.self)
        #expect(memo.scrubbedIfChanged(text) == SecretScrubber.scrubbedIfChanged(text))
        #expect(memo.scrubbedIfChanged(text) != nil)
    }
}
