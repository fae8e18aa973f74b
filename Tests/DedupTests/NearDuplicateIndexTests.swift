// NearDuplicateIndexTests: exact duplicates after normalisation, near duplicates (small edits, reordering,
// long documents with a different greeting), no false positives among distinct queries, and the capacity bound.

import Dedup
import Testing

@Test func exactDuplicateAfterNormalisation() {
    var index = NearDuplicateIndex()
    index.insert(id: 7, text: "What is my balance?")
    #expect(index.exactDuplicate(of: index.fingerprint(of: "what is my  balance")) == 7)
    let match = index.nearDuplicate(of: "WHAT IS MY BALANCE!!")
    #expect(match?.id == 7 && match?.similarity == 1)
    #expect(index.exactDuplicate(of: index.fingerprint(of: "what is my savings balance")) == nil)
}

/// One sentence whose edits all stay above the default threshold. Not every edit does: a whole-word
/// substitution in 12 words lands at exact Jaccard 0.75–0.85 and two typos near 0.71; `SeparationTests` measures
/// how many are caught.
@Test func smallEditsOfA12WordSentenceAreCaught() {
    var index = NearDuplicateIndex()
    index.insert(id: 1, text: "I need to update the mailing address on my account because I moved.")
    for edit in [
        "i need to update the billing address on my account because i moved",  // one word changed
        "I need to update the mailing adress on my account because I moved.",  // typo
        "I need to update the mailing address on my account because I moved, please.",  // added please
        "Please, I need to update the mailing address on my account because I moved",
    ] {
        let match = index.nearDuplicate(of: edit)
        #expect(match?.id == 1, "\(edit)")
        #expect(match.map { $0.similarity < 1 } == true, "\(edit) is near, not exact")
    }
}

@Test func reorderedLongTextIsCaught() {
    var index = NearDuplicateIndex()
    index.insert(id: 3, text: documentSentences.joined(separator: " "))
    var sentences = documentSentences
    sentences.swapAt(1, 5)
    sentences.swapAt(2, 6)
    let sentencesMoved = index.nearDuplicate(of: sentences.joined(separator: " "))
    #expect(sentencesMoved?.id == 3)
    #expect((sentencesMoved?.similarity ?? 0) >= 0.85)

    var words = documentSentences.joined(separator: " ").split(separator: " ")
    for position in stride(from: 10, to: words.count - 1, by: 40) { words.swapAt(position, position + 1) }
    let wordsSwapped = index.nearDuplicate(of: words.joined(separator: " "))
    #expect(wordsSwapped?.id == 3)
    #expect((wordsSwapped?.similarity ?? 0) >= 0.85)
    print("long text reordered: sentences \(sentencesMoved?.similarity ?? 0), words \(wordsSwapped?.similarity ?? 0)")
}

@Test func longDocumentWithDifferentGreetingIsCaught() {
    var index = NearDuplicateIndex()
    index.insert(id: 9, text: "Hi team,\n\n" + documentSentences.joined(separator: " ") + "\n\nThanks, Dana")
    let resent = "Good morning support,\n" + documentSentences.joined(separator: "\n") + "\nBest regards,\nDana"
    let match = index.nearDuplicate(of: resent)
    #expect(match?.id == 9)
    #expect((match?.similarity ?? 0) >= 0.85)
    print("long document with another greeting and sign-off: \(match?.similarity ?? 0)")
    #expect(index.nearDuplicate(of: otherDocument) == nil)
}

@Test func distinctQueriesHaveNoNearDuplicatePairs() {
    #expect(distinctQueries.count >= 40 && Set(distinctQueries).count == distinctQueries.count)
    var index = NearDuplicateIndex()
    var flagged: [String] = []
    for (id, query) in distinctQueries.enumerated() {
        if let match = index.nearDuplicate(of: query) {
            flagged.append("\(query) ~ \(distinctQueries[match.id]) (\(match.similarity))")
        }
        index.insert(id: id, text: query)
    }
    #expect(flagged.isEmpty, "\(flagged)")
}

@Test func capacityIsEnforcedAndRefusalsCounted() {
    var index = NearDuplicateIndex(configuration: .init(capacity: 3))
    for (id, query) in distinctQueries.prefix(5).enumerated() { index.insert(id: id, text: query) }
    #expect(index.count == 3)
    #expect(index.isFull)
    #expect(index.refusedCount == 2)
    let accepted = index.insert(id: 99, text: "one more")
    #expect(!accepted)
    #expect(index.refusedCount == 3)
    #expect(index.nearDuplicate(of: distinctQueries[2])?.id == 2)
    #expect(index.nearDuplicate(of: distinctQueries[4]) == nil, "refused items are not indexed")
}

@Test func bestCandidateWins() {
    var index = NearDuplicateIndex(configuration: .init(threshold: 0.5))
    let base = "i would like to know how much interest my savings account earned last year"
    index.insert(id: 1, text: base + " and the year before and also the year before that")
    index.insert(id: 2, text: base + " please")
    #expect(index.nearDuplicate(of: base)?.id == 2)
}
