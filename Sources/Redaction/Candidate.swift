// Candidate: a span of text a scanner claims, who claims it, and how competing claims are ranked.

/// A span a scanner claims: either to redact (`replace` set) or, for a near miss such as a card-shaped
/// number failing Luhn, to keep as it is so no other kind redacts a piece of it.
struct Candidate {
    var kind: Claimant
    /// The claimed span, in byte offsets.
    var start: Int
    var end: Int
    /// The bytes the placeholder replaces (inside the span), or nil for a near miss.
    var replace: Range<Int>?

    /// A claim that redacts its whole span.
    static func redact(_ kind: Claimant, _ start: Int, _ end: Int) -> Candidate {
        Candidate(kind: kind, start: start, end: end, replace: start..<end)
    }

    /// A claim that keeps its span as it is.
    static func keep(_ kind: Claimant, _ start: Int, _ end: Int) -> Candidate {
        Candidate(kind: kind, start: start, end: end, replace: nil)
    }

    /// Leftmost wins; at the same start a credential (key, token) beats anything else, so a key in a URL's
    /// user part is not taken for an email; then the longest; then the more specific kind.
    func beats(_ other: Candidate) -> Bool {
        if start != other.start { return start < other.start }
        if kind.isCredential != other.kind.isCredential { return kind.isCredential }
        if end != other.end { return end > other.end }
        return kind.rank < other.kind.rank
    }
}

extension Optional<Candidate> {
    /// Keeps the better of the current best and `other`.
    mutating func consider(_ other: Candidate?) {
        guard let other else { return }
        if let current = self, !other.beats(current) { return }
        self = other
    }
}

/// Who makes a claim: a built-in kind or a custom pattern, as a plain number that keeps the hot loop
/// free of reference counting. The number is also the rank that breaks ties (lower wins): credentials,
/// then IBAN, card, email, IP, phone, then custom patterns in configuration order.
struct Claimant {
    let rank: Int

    static let jwt = Claimant(rank: 0)
    static let awsKey = Claimant(rank: 1)
    static let apiKey = Claimant(rank: 2)
    static let bearer = Claimant(rank: 3)
    static let iban = Claimant(rank: 4)
    static let card = Claimant(rank: 5)
    static let email = Claimant(rank: 6)
    static let ip = Claimant(rank: 7)
    static let phone = Claimant(rank: 8)
    /// The built-in kinds, by rank.
    static let builtIns: [RedactionKind] = [.jwt, .awsKey, .apiKey, .bearer, .iban, .card, .email, .ip, .phone]

    /// The custom pattern at `index` in the configuration.
    static func custom(_ index: Int) -> Claimant { Claimant(rank: builtIns.count + index) }

    /// Keys and tokens: at the same start they win over any other kind.
    var isCredential: Bool { rank <= Claimant.bearer.rank }
}
