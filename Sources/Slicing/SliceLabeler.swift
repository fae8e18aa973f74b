// SliceLabeler: names clusters by their most distinctive words — class-based TF-IDF (c-TF-IDF, as in
// BERTopic) over word unigrams and bigrams — and finds a cluster's majority eval tag.

#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Labels clusters of texts with c-TF-IDF.
///
/// Terms: `TextNormalisation.words` of each text minus `stopwords`, words shorter than 2 characters (except single
/// Han ideographs) and all-digit words; then the unigrams and the bigrams of what remains (so "reset my password"
/// gives "reset", "password" and "reset password"). Each cluster is one document: `tf(t, c)` is the count of term t
/// in cluster c divided by the cluster's total term count, `idf(t) = ln(1 + A / f(t))` with `A` the mean term count
/// per cluster and `f(t)` the count of t over all clusters, and the score is `tf · idf`. Ties are broken by the
/// term, alphabetically, so labels are deterministic.
public struct SliceLabeler: Sendable, Hashable {
    /// Terms kept per cluster.
    public var topK: Int
    /// Terms joined into the label.
    public var labelTerms: Int
    /// Words never used as (part of) a term.
    public var stopwords: Set<String>

    /// A labeler keeping `topK` terms and labelling with the best `labelTerms`.
    public init(topK: Int = 10, labelTerms: Int = 3, stopwords: Set<String> = EnglishStopwords.words) {
        self.topK = topK
        self.labelTerms = labelTerms
        self.stopwords = stopwords
    }

    /// Labels for `texts` grouped by their cluster id (`clusters[i]` is the cluster of `texts[i]`).
    public func labels(texts: [String], clusters: [Int]) -> [Int: SliceLabel] {
        precondition(texts.count == clusters.count, "one cluster id per text")
        var groups: [Int: [String]] = [:]
        for (text, cluster) in zip(texts, clusters) { groups[cluster, default: []].append(text) }
        return labels(groups: groups)
    }

    /// Labels for texts already grouped by cluster id.
    public func labels(groups: [Int: [String]]) -> [Int: SliceLabel] {
        var termCounts: [Int: [String: Int]] = [:]
        var totals: [String: Int] = [:]
        for (cluster, texts) in groups {
            var counts: [String: Int] = [:]
            for text in texts {
                for term in terms(of: text) { counts[term, default: 0] += 1 }
            }
            for (term, count) in counts { totals[term, default: 0] += count }
            termCounts[cluster] = counts
        }
        let meanTerms = groups.isEmpty ? 0 : Double(totals.values.reduce(0, +)) / Double(groups.count)
        var result: [Int: SliceLabel] = [:]
        for (cluster, counts) in termCounts {
            let clusterTotal = Double(counts.values.reduce(0, +))
            let ranked = counts.map { term, count in
                RankedTerm(term: term, score: Double(count) / clusterTotal * log(1 + meanTerms / Double(totals[term]!)))
            }
            .sorted { $0.score > $1.score || ($0.score == $1.score && $0.term < $1.term) }
            result[cluster] = label(for: Array(ranked.prefix(topK)))
        }
        return result
    }

    /// The label of ranked terms: the best `labelTerms` terms joined with `" / "`, where a term is skipped when
    /// its words contain, or are contained in, those of a term already chosen ("password" then "reset password").
    public func label(for terms: [RankedTerm]) -> SliceLabel {
        var chosen: [[String]] = []
        for term in terms where chosen.count < labelTerms {
            let words = term.term.split(separator: " ").map(String.init)
            let overlaps = chosen.contains { other in
                Self.isContiguous(words, in: other) || Self.isContiguous(other, in: words)
            }
            if !overlaps { chosen.append(words) }
        }
        return SliceLabel(terms: terms, label: chosen.map { $0.joined(separator: " ") }.joined(separator: " / "))
    }

    /// The unigram and bigram terms of one text.
    public func terms(of text: String) -> [String] {
        let words = TextNormalisation.words(text).filter { word in
            (word.count >= 2 || Self.isHanCharacter(word)) && !stopwords.contains(word)
                && !word.unicodeScalars.allSatisfy { $0.properties.numericType != nil }
        }
        return TextNormalisation.wordNGrams(words, orders: 1...2)
    }

    /// The most common non-nil tag and its share of all `tags` (nil entries included in the denominator); ties
    /// go to the alphabetically first tag. Nil when no tag is non-nil.
    public static func majorityTag(_ tags: [String?]) -> (tag: String, share: Double)? {
        var counts: [String: Int] = [:]
        for case let tag? in tags { counts[tag, default: 0] += 1 }
        guard let best = counts.min(by: { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) })
        else { return nil }
        return (best.key, Double(best.value) / Double(tags.count))
    }

    /// A single Han ideograph: a word of its own in Chinese and Japanese, so exempt from the length filter.
    private static func isHanCharacter(_ word: String) -> Bool {
        guard word.unicodeScalars.count == 1, let scalar = word.unicodeScalars.first else { return false }
        return Script.of(scalar) == .cjk && !(0x3040...0x30FF).contains(scalar.value)
    }

    private static func isContiguous(_ needle: [String], in haystack: [String]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}
