// RedactionKind: what can be redacted, its name in counts and reports, and the placeholder it leaves.

/// A kind of personal data or credential the redactor removes.
public enum RedactionKind: Hashable, Sendable {
    /// `local@domain.tld`.
    case email
    /// International (`+CC …`) and common national phone numbers.
    case phone
    /// Payment card numbers that pass the Luhn check.
    case card
    /// IBANs that pass the ISO 13616 mod-97 check.
    case iban
    /// IPv4 and IPv6 addresses.
    case ip
    /// OpenAI/Anthropic/GitHub keys and `api_key=` style values.
    case apiKey
    /// The token after `Bearer`.
    case bearer
    /// JSON Web Tokens.
    case jwt
    /// AWS access key ids.
    case awsKey
    /// A user-configured pattern, by name.
    case custom(String)

    /// Every kind that needs no configuration.
    public static let builtIns: Set<RedactionKind> = [
        .email, .phone, .card, .iban, .ip, .apiKey, .bearer, .jwt, .awsKey,
    ]

    /// The kind's name in counts: `email`, `phone`, `card`, `iban`, `ip`, `api_key`, `bearer`, `jwt`,
    /// `aws_key`, or the custom name.
    public var name: String {
        switch self {
        case .email: "email"
        case .phone: "phone"
        case .card: "card"
        case .iban: "iban"
        case .ip: "ip"
        case .apiKey: "api_key"
        case .bearer: "bearer"
        case .jwt: "jwt"
        case .awsKey: "aws_key"
        case .custom(let name): name
        }
    }

    /// What a match is replaced with: the name upper-cased in angle brackets (`<EMAIL>`, `<API_KEY>`,
    /// `<NAME>` for a custom kind); for `bearer` `<TOKEN>`, since the word "Bearer" stays.
    public var placeholder: String {
        self == .bearer ? "<TOKEN>" : "<\(name.uppercased())>"
    }
}
