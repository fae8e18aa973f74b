// FNV1a64Tests: the exact key is standard FNV-1a 64 (published test vectors) over the normalised text.

import Dedup
import Hashing
import Testing

@Test func matchesPublishedVectors() {
    #expect(StableHash.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
    #expect(StableHash.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
    #expect(StableHash.fnv1a64("foobar") == 0x8594_4171_f739_67e8)
}

@Test func exactKeyIgnoresCaseSpacingAndPunctuation() {
    let hasher = MinHasher()
    let a = Fingerprint(text: "What is my balance?", hasher: hasher)
    let b = Fingerprint(text: "what is my  balance", hasher: hasher)
    let c = Fingerprint(text: "what is my savings balance", hasher: hasher)
    #expect(a.exactKey == b.exactKey)
    #expect(a.exactKey == StableHash.fnv1a64("what is my balance"))
    #expect(a.exactKey != c.exactKey)
}
