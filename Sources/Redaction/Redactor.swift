// Redactor: the public entry point. One left-to-right pass over the UTF-8 bytes asks the scanners
// for claims where a match can start, keeps the leftmost-longest one, and writes placeholders;
// text with nothing to redact comes back as the same string, with nothing allocated.

/// Replaces personal data and credentials in text with placeholders (`<EMAIL>`, `<PHONE>`, `<CARD>`,
/// `<IBAN>`, `<IP>`, `<API_KEY>`, `Bearer <TOKEN>`, `<JWT>`, `<AWS_KEY>`, `<NAME>` for custom kinds) and
/// counts what it removed.
///
/// Every built-in match starts and ends at a boundary fitting its kind, so nothing is cut out of a longer
/// word or number (custom patterns set their own boundaries, e.g. with `\b`). Where candidates overlap,
/// the one starting first wins; at the same start a key or token wins, then the longest, then the more
/// specific kind (IBAN, card, email, IP, phone, custom, in that order). Look-alikes that fail a check —
/// a card-shaped number failing Luhn, an IBAN with wrong check digits — are kept whole, so no other kind
/// takes a piece of them. Each match is counted under one kind only.
public struct Redactor: Sendable {
    /// The built-in kinds looked for.
    public let kinds: Set<RedactionKind>
    private let email, phone, card, iban, ip: Bool
    private let secrets: SecretScanner.Kinds
    private let custom: [CustomPattern]
    /// The kind and placeholder of each claimant, by rank.
    private let claimants: [(kind: RedactionKind, placeholder: String)]
    /// Bytes at which some enabled kind but email can start (emails are found from their `@`).
    private let triggers: Triggers

    /// Every built-in kind and no custom pattern: what slicewatch applies before it stores or sends text.
    public static let standard: Redactor = {
        do { return try Redactor() } catch { preconditionFailure("the built-in kinds need no pattern: \(error)") }
    }()

    /// A redactor for `kinds` (custom kinds in it are ignored) and the `customPatterns`, each a kind
    /// name (letters, digits, `_`) and an `NSRegularExpression` pattern.
    /// - Throws: `RedactionError.invalidPattern` naming the first pattern that does not compile, and why;
    ///   `RedactionError.invalidName` for an unusable name.
    public init(
        kinds: Set<RedactionKind> = RedactionKind.builtIns, customPatterns: [(name: String, pattern: String)] = []
    ) throws(RedactionError) {
        self.kinds = kinds.intersection(RedactionKind.builtIns)
        email = kinds.contains(.email)
        phone = kinds.contains(.phone)
        card = kinds.contains(.card)
        iban = kinds.contains(.iban)
        ip = kinds.contains(.ip)
        var secrets = SecretScanner.Kinds()
        if kinds.contains(.apiKey) { secrets.insert(.apiKey) }
        if kinds.contains(.bearer) { secrets.insert(.bearer) }
        if kinds.contains(.jwt) { secrets.insert(.jwt) }
        if kinds.contains(.awsKey) { secrets.insert(.awsKey) }
        self.secrets = secrets
        var custom: [CustomPattern] = []
        for (name, pattern) in customPatterns { custom.append(try CustomPattern(name: name, pattern: pattern)) }
        self.custom = custom
        claimants = (Claimant.builtIns + custom.map(\.kind)).map { ($0, $0.placeholder) }

        var triggers = Triggers()
        if card || phone || ip { triggers.insert(UInt8(ascii: "0")...UInt8(ascii: "9")) }
        if phone { triggers.insert([UInt8(ascii: "+"), UInt8(ascii: "(")]) }
        if ip {
            triggers.insert([UInt8(ascii: ":")])
            triggers.insert(UInt8(ascii: "a")...UInt8(ascii: "f"))
            triggers.insert(UInt8(ascii: "A")...UInt8(ascii: "F"))
        }
        if iban { triggers.insert(UInt8(ascii: "A")...UInt8(ascii: "Z")) }
        for (byte, needs, inWord) in SecretScanner.triggers where !secrets.isDisjoint(with: needs) {
            triggers.insert([byte], inWord: inWord)
        }
        self.triggers = triggers
    }

    /// `text` with every match replaced by its kind's placeholder, and the matches per kind. When there
    /// is nothing to replace, `text` itself comes back (no copy).
    public func redact(_ text: String) -> (text: String, counts: RedactionCounts) {
        let claims = CustomPattern.claims(of: custom, in: text)
        let result =
            text.utf8.withContiguousStorageIfAvailable { redact(bytes: $0, custom: claims) }
            ?? Array(text.utf8).withUnsafeBufferPointer { redact(bytes: $0, custom: claims) }
        guard let bytes = result.bytes else { return (text, result.counts) }
        return (String(decoding: bytes, as: UTF8.self), result.counts)
    }

    /// The redacted bytes, or nil when nothing was replaced (nothing is allocated then), and the counts.
    /// `custom` are the custom patterns' claims, sorted by start.
    private func redact(bytes b: Bytes, custom: [Candidate]) -> (bytes: [UInt8]?, counts: RedactionCounts) {
        var out: [UInt8] = []
        var replaced = false
        var counts = RedactionCounts()
        var copied = 0  // bytes before this are in `out`
        var claimed = 0  // end of the last claim
        // Claims known ahead: the next custom match, and the next email (found from its `@`).
        var nextCustom = 0
        var nextEmail = email ? EmailScanner.next(b, from: 0, floor: 0) : nil
        var i = 0
        while i < b.count {
            while nextCustom < custom.count, custom[nextCustom].start < i { nextCustom += 1 }
            if let (found, at) = nextEmail, found.start < i {
                // Overlapped by a claim: look again from its `@` if that is still ahead.
                nextEmail = EmailScanner.next(b, from: max(at, i), floor: claimed)
            }
            let customStart = nextCustom < custom.count ? custom[nextCustom].start : b.count
            let emailStart = nextEmail?.email.start ?? b.count
            let ahead = min(customStart, emailStart)
            i = triggers.next(in: b, from: i, upTo: ahead)
            guard i < b.count else { break }
            var best = builtIn(b, at: i)
            if i == customStart { best.consider(custom[nextCustom]) }
            if i == emailStart { best.consider(nextEmail?.email) }
            guard let claim = best else {
                i += 1
                continue
            }
            if let range = claim.replace {
                if !replaced {
                    replaced = true
                    out.reserveCapacity(b.count + 64)
                }
                out.append(contentsOf: b[copied..<range.lowerBound])
                let claimant = claimants[claim.kind.rank]
                out.append(contentsOf: claimant.placeholder.utf8)
                copied = range.upperBound
                counts[claimant.kind] += 1
            }
            i = claim.end
            claimed = claim.end
        }
        guard replaced else { return (nil, counts) }
        out.append(contentsOf: b[copied...])
        return (out, counts)
    }

    /// The best built-in claim starting at `i`, emails aside.
    private func builtIn(_ b: Bytes, at i: Int) -> Candidate? {
        let c = b[i]
        var best: Candidate?
        switch c {
        case UInt8(ascii: "+"), UInt8(ascii: "("):
            return phone ? PhoneScanner.match(b, at: i) : nil
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            if card { best.consider(CardScanner.match(b, at: i)) }
            if phone { best.consider(PhoneScanner.match(b, at: i)) }
            if ip {
                best.consider(IPScanner.v4(b, at: i))
                best.consider(IPScanner.v6(b, at: i))
            }
        default:
            if !secrets.isEmpty { best.consider(SecretScanner.match(b, at: i, kinds: secrets)) }
            if iban, ASCII.isUpper(c) { best.consider(IBANScanner.match(b, at: i)) }
            if ip, ASCII.isHex(c) || c == UInt8(ascii: ":") { best.consider(IPScanner.v6(b, at: i)) }
        }
        return best
    }
}

/// Which bytes can start a match: at a word start, or (an `api_key` name) also inside a word.
struct Triggers: Sendable {
    private static let atWordStart: UInt8 = 1, inWord: UInt8 = 2, alnum: UInt8 = 4
    /// Per byte: the flags above.
    private var table = [UInt8](repeating: 0, count: 256)

    init() {
        for c in UInt8(0)...255 where ASCII.isAlnum(c) { table[Int(c)] = Triggers.alnum }
    }

    mutating func insert(_ bytes: some Sequence<UInt8>, inWord: Bool = false) {
        for c in bytes { table[Int(c)] |= Triggers.atWordStart | (inWord ? Triggers.inWord : 0) }
    }

    /// The first index from `i` before `limit` where a match can start, or `limit`.
    func next(in b: Bytes, from i: Int, upTo limit: Int) -> Int {
        table.withUnsafeBufferPointer { table in
            var i = i
            var wanted = ASCII.isAlnum(b.at(i - 1)) ? Triggers.inWord : Triggers.atWordStart
            while i < limit {
                let flags = table[Int(b[i])]
                if flags & wanted != 0 { break }
                wanted = flags & Triggers.alnum != 0 ? Triggers.inWord : Triggers.atWordStart
                i += 1
            }
            return i
        }
    }
}
