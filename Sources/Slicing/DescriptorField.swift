// DescriptorField: the descriptors a sketch keeps distributions of — numeric ones (log-binned) and
// categorical ones (counted per label) — and how to read each from `Descriptors`.

/// A numeric descriptor, kept as a `LogHistogram`.
public enum NumericDescriptor: String, Sendable, Hashable, CaseIterable {
    case characters, words, turns

    /// Start of the open-ended last bin: 2^20 characters, 2^17 words, 2^10 turns.
    public var maxExponent: Int {
        switch self {
        case .characters: 20
        case .words: 17
        case .turns: 10
        }
    }

    /// `allCases`, built once.
    public static let ordered = allCases

    /// The position in `allCases`.
    public var index: Int {
        switch self {
        case .characters: 0
        case .words: 1
        case .turns: 2
        }
    }

    /// An empty histogram with this descriptor's bins.
    public func emptyHistogram() -> LogHistogram { LogHistogram(maxExponent: maxExponent) }

    /// This descriptor's value in `descriptors`.
    public func value(of descriptors: Descriptors) -> Int {
        switch self {
        case .characters: descriptors.characters
        case .words: descriptors.words
        case .turns: descriptors.turns
        }
    }
}

/// A categorical descriptor, kept as `CategoryCounts`.
public enum CategoricalDescriptor: String, Sendable, Hashable, CaseIterable {
    case script, language, containsCode, containsURL, isQuestion, isInstruction

    /// `allCases`, built once.
    public static let ordered = allCases

    /// The position in `allCases`.
    public var index: Int {
        switch self {
        case .script: 0
        case .language: 1
        case .containsCode: 2
        case .containsURL: 3
        case .isQuestion: 4
        case .isInstruction: 5
        }
    }

    /// The category label used when `language` is nil (non-Latin text).
    public static let notApplicable = "n/a"

    /// This descriptor's category in `descriptors`: the enum's raw value, `"true"`/`"false"`, or `notApplicable`.
    public func category(of descriptors: Descriptors) -> String {
        switch self {
        case .script: descriptors.script.rawValue
        case .language: descriptors.language?.rawValue ?? Self.notApplicable
        case .containsCode: String(descriptors.containsCode)
        case .containsURL: String(descriptors.containsURL)
        case .isQuestion: String(descriptors.isQuestion)
        case .isInstruction: String(descriptors.isInstruction)
        }
    }
}
