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
