// HashedNGramFeaturizerTests: hashing is stable (fixed buckets, FNV-1a test vectors), TF-IDF weights match a
// hand computation, similar sentences are closer than unrelated ones, and the dense projection behaves.

import Hashing
import Slicing
import Testing

@Test(arguments: [
    ("", 0xcbf2_9ce4_8422_2325 as UInt64),
    ("a", 0xaf63_dc4c_8601_ec8c),
    ("foobar", 0x8594_4171_f739_67e8),
])
func fnv1aTestVectors(_ input: String, _ expected: UInt64) {
    #expect(StableHash.fnv1a64(input) == expected)
}

/// Fixed buckets for fixed features: if these change, every stored baseline's vectors change too.
@Test(arguments: [
    ("w:hello", 1 << 18, 211_651 as Int32, 1 as Float),
    ("w:hello world", 1 << 18, 252_560, -1),
    ("c: he", 1 << 18, 170_425, -1),
    ("c:привет", 1 << 18, 88_890, 1),
    ("w:hello", 1 << 20, 473_795, 1),
])
func bucketsAreStable(_ feature: String, _ dimension: Int, _ index: Int32, _ sign: Float) {
    let bucket = HashedNGramFeaturizer(dimension: dimension).bucket(of: feature)
    #expect(bucket.index == index)
    #expect(bucket.sign == sign)
}

@Test func featuresAreWordThenCharacterNGrams() {
    let features = HashedNGramFeaturizer(characterOrders: 3...3).features("Hi  there")
    #expect(features == ["w:hi", "w:there", "w:hi there", "c: hi", "c:hi ", "c: th", "c:the", "c:her", "c:ere", "c:re "])
}

@Test func vectorIsSortedUnitAndSumsDuplicates() {
    let featurizer = HashedNGramFeaturizer(dimension: 64)  // tiny: collisions certain
    let v = featurizer.vector("the quick brown fox jumps over the lazy dog, the end")
    #expect(zip(v.indices, v.indices.dropFirst()).allSatisfy { $0 < $1 })
    #expect(abs(v.norm - 1) < 1e-5)
    #expect(v.indices.allSatisfy { $0 >= 0 && $0 < 64 })
    #expect(featurizer.vector("") == SparseVector())
}

@Test func sparseVectorSumsDuplicatePairs() {
    let v = SparseVector(pairs: [(5, 1), (2, 3), (5, 2), (0, -1)])
    #expect(v.indices == [0, 2, 5])
    #expect(v.values == [-1, 3, 3])
    #expect(v[5] == 3 && v[4] == 0)
    #expect(v.dot(SparseVector(pairs: [(2, 2), (7, 9)])) == 6)
}

/// Word unigrams only, 2^20 buckets (no collisions among three words), corpus of three documents:
/// df(apple) = 3, df(banana) = 2, df(cherry) = 1; idf = ln(4 / (1 + df)) + 1.
@Test(arguments: [
    ("banana banana apple", ["banana": 0.908_950_2, "apple": 0.416_904_7] as [String: Float]),
    ("apple cherry", ["apple": 0.508_542_3, "cherry": 0.861_037_0]),
    ("apple", ["apple": 1]),
    ("durian apple", ["durian": 0.922_291_4, "apple": 0.386_495_2]),  // unseen: idf = ln 4 + 1
])
func tfidfWeightsByHand(_ text: String, _ expected: [String: Float]) {
    let featurizer = HashedNGramFeaturizer(dimension: 1 << 20, wordOrders: 1...1, characterOrders: nil)
    let frequencies = featurizer.fit(["apple banana", "apple cherry", "banana banana apple"])
    #expect(frequencies.documentCount == 3)
    let vector = featurizer.vector(text, frequencies: frequencies)
    #expect(vector.count == expected.count)
    for (word, weight) in expected {
        let bucket = featurizer.bucket(of: "w:" + word)
        #expect(abs(vector[bucket.index] - bucket.sign * weight) < 1e-5, "\(word)")
    }
}

@Test func idfFormula() {
    let featurizer = HashedNGramFeaturizer(dimension: 1 << 20, wordOrders: 1...1, characterOrders: nil)
    let frequencies = featurizer.fit(["apple banana", "apple cherry", "banana banana apple"])
    let idf = { (word: String) in frequencies.idf(featurizer.bucket(of: "w:" + word).index) }
    #expect(abs(idf("apple") - 1) < 1e-6)
    #expect(abs(idf("banana") - 1.287_682_1) < 1e-6)
    #expect(abs(idf("cherry") - 1.693_147_2) < 1e-6)
    #expect(abs(idf("durian") - 2.386_294_4) < 1e-6)
    var merged = featurizer.fit(["apple banana"])
    merged.merge(featurizer.fit(["apple cherry", "banana banana apple"]))
    #expect(merged == frequencies)
}

@Test(arguments: [
    ("How do I reset my password?", "I forgot my password, how can I reset it?", "Write a haiku about autumn leaves."),
    ("Translate this sentence into French.", "Please translate the following sentence to French", "What is the capital of Peru?"),
    ("Как сбросить пароль?", "Я забыл пароль, как его сбросить?", "Напиши стихотворение про осень."),
])
func similarSentencesAreCloser(_ a: String, _ similar: String, _ unrelated: String) {
    let featurizer = HashedNGramFeaturizer()
    let corpus = [a, similar, unrelated, "Summarise this article.", "Fix the bug in my Python code."]
    let frequencies = featurizer.fit(corpus)
    let va = featurizer.vector(a, frequencies: frequencies)
    let close = va.cosine(featurizer.vector(similar, frequencies: frequencies))
    let far = va.cosine(featurizer.vector(unrelated, frequencies: frequencies))
    #expect(close > far + 0.1, "close \(close) far \(far)")
    #expect(abs(va.cosine(va) - 1) < 1e-5)

    let pa = featurizer.project(va)
    let pClose = dot(pa, featurizer.project(featurizer.vector(similar, frequencies: frequencies)))
    let pFar = dot(pa, featurizer.project(featurizer.vector(unrelated, frequencies: frequencies)))
    #expect(pClose > pFar, "projected close \(pClose) far \(pFar)")
}

@Test func projectionIsDeterministicUnitAndSeeded() {
    let v = HashedNGramFeaturizer().vector("Deterministic projection of a sparse vector")
    let p = RandomSignProjection(dimension: 100, seed: 7).project(v)
    #expect(p.count == 100)
    #expect(abs(dot(p, p) - 1) < 1e-5)
    #expect(p == RandomSignProjection(dimension: 100, seed: 7).project(v))
    #expect(p != RandomSignProjection(dimension: 100, seed: 8).project(v))
    #expect(RandomSignProjection().project(SparseVector()) == [Float](repeating: 0, count: 512))
    // A single unit entry projects onto a ±1/√d vector.
    let e = RandomSignProjection(dimension: 64, seed: 1).project(SparseVector(pairs: [(42, 1)]))
    #expect(e.allSatisfy { abs(abs($0) - 0.125) < 1e-6 })
}

/// Inner products survive projection on average: over many random pairs the projected cosine tracks the
/// sparse one.
@Test func projectionPreservesCosineRoughly() {
    let featurizer = HashedNGramFeaturizer()
    let texts = [
        "reset my password please", "I cannot reset the password for my account", "password reset link expired",
        "book a table for two tonight", "reserve a table for dinner at eight", "write a poem about the sea",
    ]
    let vectors = texts.map { featurizer.vector($0) }
    var worst: Float = 0
    for i in vectors.indices {
        for j in vectors.indices where j > i {
            let sparse = vectors[i].cosine(vectors[j])
            let dense = dot(featurizer.project(vectors[i]), featurizer.project(vectors[j]))
            worst = max(worst, abs(sparse - dense))
        }
    }
    #expect(worst < 0.2, "worst cosine error \(worst)")
}
