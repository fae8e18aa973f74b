// SliceLabel: a cluster's distinctive terms (c-TF-IDF, best first) and the short label made from them.

/// A term and its c-TF-IDF score in one cluster.
public struct RankedTerm: Sendable, Hashable {
    /// A word or two words joined by one space.
    public var term: String
    /// Its c-TF-IDF weight in the cluster.
    public var score: Double

    /// A ranked term.
    public init(term: String, score: Double) {
        self.term = term
        self.score = score
    }
}

/// A cluster's distinctive terms and the short label made from them.
public struct SliceLabel: Sendable, Hashable {
    /// Up to `topK` terms, best first.
    public var terms: [RankedTerm]
    /// The best `labelTerms` terms joined with `" / "`, skipping terms that repeat a better one (see
    /// `SliceLabeler.label(for:)`); empty when the cluster has no usable term.
    public var label: String

    /// A label.
    public init(terms: [RankedTerm], label: String) {
        self.terms = terms
        self.label = label
    }
}
