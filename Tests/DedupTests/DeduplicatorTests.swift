// DeduplicatorTests: verdicts against the pre-loaded set versus among admitted items, id numbering, counts, and
// refusal when the index is full.

import Dedup
import Testing

@Test func verdictsDistinguishExistingFromAdmitted() {
    var dedup = Deduplicator(existing: ["What is my checking balance?", "Freeze my card", documentSentences.joined(separator: " ")])
    #expect(dedup.existingCount == 3)
    #expect(dedup.admit("what is my checking balance") == .duplicateOfExisting(of: 0, similarity: 1))
    #expect(dedup.admit("transfer 100 to savings") == .new(id: 0))
    #expect(dedup.admit("Transfer 100 to savings!") == .exactDuplicate(of: 0))
    #expect(dedup.admit("order a new debit card") == .new(id: 1))

    let longCandidate = "Hello,\n" + documentSentences.joined(separator: "\n") + "\nThanks!"
    guard case .duplicateOfExisting(of: 2, let similarity) = dedup.admit(longCandidate) else {
        Issue.record("long document should match existing item 2")
        return
    }
    #expect(similarity >= 0.8 && similarity < 1)

    let base = "i need to update the mailing address on my account because i moved"
    #expect(dedup.admit(base) == .new(id: 2))
    guard case .nearDuplicate(of: 2, let near) = dedup.admit(base + " please") else {
        Issue.record("added please should match admitted item 2")
        return
    }
    #expect(near >= 0.8 && near < 1)

    #expect(dedup.counts == .init(new: 3, exactDuplicate: 1, nearDuplicate: 1, duplicateOfExisting: 2, refused: 0))
    #expect(dedup.counts.total == 7)
    #expect(dedup.index.count == 6)
}

@Test func distinctQueriesAreAllAdmitted() {
    var dedup = Deduplicator(existing: [String]())
    let verdicts = distinctQueries.map { dedup.admit($0) }
    #expect(verdicts == distinctQueries.indices.map { .new(id: $0) })
    #expect(dedup.counts.new == distinctQueries.count)
}

@Test func fullIndexRefusesNewItemsButStillMatchesDuplicates() {
    var dedup = Deduplicator(existing: ["freeze my card", "change my pin"], configuration: .init(capacity: 3))
    #expect(dedup.admit("dispute a transaction") == .new(id: 0))
    #expect(dedup.admit("change my address") == .refused)
    #expect(dedup.admit("Dispute a transaction.") == .exactDuplicate(of: 0))
    #expect(dedup.admit("FREEZE my card") == .duplicateOfExisting(of: 0, similarity: 1))
    #expect(dedup.counts.refused == 1)
    #expect(dedup.index.refusedCount == 1)
}
