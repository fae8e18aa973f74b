// ShinglerTests: the shingle mix — character 4-grams across word boundaries plus word 1- and 2-grams — its
// counts, the short-text case, and that word order matters.

import Dedup
import Testing

@Test func countsEachKindOfShingle() {
    // " freeze my card " has 16 scalars: 13 character 4-grams, 3 words, 2 word pairs.
    #expect(Shingler.shingles(ofNormalized: "freeze my card").count == 13 + 3 + 2)
    // Shorter than one gram once padded: one character gram and one word.
    #expect(Shingler.shingles(ofNormalized: "a").count == 2)
    #expect(Shingler.shingles(ofNormalized: "").isEmpty)
}

@Test func wordOrderChangesTheShingles() {
    let a = Set(Shingler.shingles(ofNormalized: "transfer 100 from checking to savings"))
    let b = Set(Shingler.shingles(ofNormalized: "transfer 100 from savings to checking"))
    #expect(a != b)
    #expect(exactJaccard("transfer 100 from checking to savings", "transfer 100 from savings to checking") < 0.7)
}

@Test func kindsDoNotCollide() {
    // The word "abcd" and the character gram "abcd" (inside " abcd ") hash under different seeds.
    let shingles = Shingler.shingles(ofNormalized: "abcd")
    #expect(Set(shingles).count == shingles.count)
}
