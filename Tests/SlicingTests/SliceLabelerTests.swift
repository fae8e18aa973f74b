// SliceLabelerTests: c-TF-IDF picks each cluster's distinctive terms; labels skip redundant terms; majority tag.

import Slicing
import Testing

private let corpus: [(String, Int)] = [
    ("How do I reset my password?", 0),
    ("I forgot my password and need to reset it", 0),
    ("The password reset email never arrived", 0),
    ("Can you help me with my account? Password reset fails", 0),
    ("Book a table for two at an Italian restaurant", 1),
    ("Find a restaurant with a table for four tonight", 1),
    ("Reserve a restaurant table near the station, please help", 1),
    ("Write a haiku about autumn leaves", 2),
    ("Write a short poem about the sea", 2),
    ("Compose a poem about autumn rain, then a haiku", 2),
    ("Please help me write a poem for my account manager", 2),
]

@Test func labelerPicksDistinctiveTerms() {
    let labels = SliceLabeler(topK: 5).labels(texts: corpus.map(\.0), clusters: corpus.map(\.1))
    #expect(labels.count == 3)
    let top = labels.mapValues { Set($0.terms.prefix(2).map(\.term)) }
    #expect(top[0] == ["password", "reset"] || top[0] == ["password", "password reset"], "\(labels[0]!.terms)")
    #expect(top[1]?.contains("restaurant") == true && top[1]?.contains("table") == true, "\(labels[1]!.terms)")
    #expect(top[2]?.contains("poem") == true, "\(labels[2]!.terms)")
    for label in labels.values {
        #expect(label.terms.count == 5)
        #expect(zip(label.terms, label.terms.dropFirst()).allSatisfy { $0.score >= $1.score })
        for term in label.terms.map(\.term) {
            let words = term.split(separator: " ")
            #expect(words.allSatisfy { $0.count >= 2 && !EnglishStopwords.words.contains(String($0)) })
        }
        #expect(!label.terms.contains { $0.term == "help" })  // in every cluster: not distinctive
    }
    #expect(labels[0]?.label.split(separator: "/").count == 3)
}

@Test func labelerIsDeterministic() {
    let labeler = SliceLabeler()
    let a = labeler.labels(texts: corpus.map(\.0), clusters: corpus.map(\.1))
    let b = labeler.labels(groups: Dictionary(grouping: corpus, by: \.1).mapValues { $0.map(\.0) })
    #expect(a == b)
}

@Test(arguments: [
    (["password", "reset password", "reset", "email", "account"], "password / reset / email"),
    (["reset password", "password", "reset", "email"], "reset password / email"),
    (["poem", "haiku"], "poem / haiku"),
    ([], ""),
])
func labelSkipsRedundantTerms(_ terms: [String], _ expected: String) {
    let ranked = terms.enumerated().map { RankedTerm(term: $1, score: Double(10 - $0)) }
    #expect(SliceLabeler().label(for: ranked).label == expected)
}

@Test(arguments: [
    ("reset my password 2024 I x", ["reset", "password", "reset password"]),
    ("The and of", []),
    ("世界和平", ["世", "界", "和", "平", "世 界", "界 和", "和 平"]),
    ("こんにちは世界", ["世", "界", "世 界"]),
])
func termsOfText(_ text: String, _ expected: [String]) {
    #expect(SliceLabeler().terms(of: text) == expected)
}

@Test(arguments: [
    (["a", "b", "a", nil], "a", 0.5),
    (["b", "a"], "a", 0.5),
    ([nil, "x", nil, nil], "x", 0.25),
    (["q", "q", "q"], "q", 1.0),
])
func majorityTag(_ tags: [String?], _ tag: String, _ share: Double) {
    let result = SliceLabeler.majorityTag(tags)
    #expect(result?.tag == tag)
    #expect(result?.share == share)
}

@Test(arguments: [[] as [String?], [nil, nil]])
func noMajorityTag(_ tags: [String?]) {
    #expect(SliceLabeler.majorityTag(tags) == nil)
}
