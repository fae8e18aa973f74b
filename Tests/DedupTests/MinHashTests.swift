// MinHashTests: signatures are deterministic for a seed (across runs: golden values), differ across seeds,
// and estimate the exact shingle Jaccard to within binomial sampling error.

import Dedup
import Testing

@Test func sameSeedSameSignatureAcrossRuns() {
    let text = "what is my bank balance"
    let a = Fingerprint(text: text, hasher: MinHasher(seed: 42)).signature
    let b = Fingerprint(text: text, hasher: MinHasher(seed: 42)).signature
    #expect(a == b)
    #expect(a.values.count == 128)
    // Golden values: a change here means every stored signature and every eval-set export changes.
    #expect(Array(a.values.prefix(3)) == [0x00bb_5fc9_6a86_a22e, 0x0107_090c_a953_915d, 0x05aa_34ab_1494_df7e])
}

@Test func differentSeedsGiveDifferentSignatures() {
    let text = "what is my bank balance"
    let a = MinHasher(seed: 1).signature(ofNormalized: text)
    let b = MinHasher(seed: 2).signature(ofNormalized: text)
    #expect(a.estimatedJaccard(b) < 0.05)
}

@Test func identicalAndEmptyTexts() {
    let hasher = MinHasher()
    let a = hasher.signature(ofNormalized: "freeze my card")
    #expect(a.estimatedJaccard(hasher.signature(ofNormalized: "freeze my card")) == 1)
    let empty = hasher.signature(ofNormalized: "")
    #expect(empty.values.allSatisfy { $0 == .max })
    #expect(empty.estimatedJaccard(a) == 0)
}

/// 200 seeded pairs with Jaccard spread over [0, 1]: a random 8–40-word text and a copy with 0–70% of its words
/// replaced. With k = 128 the estimate is Binomial(128, J) / 128, standard error up to 0.044, so about 1% of
/// mid-range pairs are expected to miss ±0.1 by chance; the test allows 2% and bounds the mean error.
@Test func estimateTracksExactJaccard() {
    let hasher = MinHasher()
    var generator = RandomText(seed: 2024)
    var errors: [Double] = []
    var exacts: [Double] = []
    for pair in 0..<200 {
        let words = generator.words(8 + pair % 33)
        let other = generator.mutate(words, rate: Double(pair % 8) * 0.1)
        let a = words.joined(separator: " ")
        let b = other.joined(separator: " ")
        let exact = exactJaccard(a, b)
        let estimate = hasher.signature(ofNormalized: a).estimatedJaccard(hasher.signature(ofNormalized: b))
        exacts.append(exact)
        errors.append(abs(estimate - exact))
    }
    let outside = errors.filter { $0 > 0.1 }.count
    let mean = errors.reduce(0, +) / Double(errors.count)
    let midRange = exacts.filter { $0 > 0.2 && $0 < 0.8 }.count
    print("MinHash k=128 over 200 pairs (\(midRange) with 0.2 < J < 0.8): mean |error| \(mean), max \(errors.max()!), outside ±0.1: \(outside)")
    #expect(midRange >= 80, "pairs should cover the middle of the Jaccard range")
    #expect(outside <= 4)
    #expect(mean < 0.035)
    #expect(errors.max()! < 0.16)
}
