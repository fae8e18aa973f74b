// StatisticsError and TestOutcome: how the statistics report bad input (a thrown error with a code) and a test
// that the data cannot support (`.insufficientData`, a normal outcome rather than an error).

/// Input that no statistic can be computed from: arrays of different lengths, negative counts, probabilities
/// outside [0, 1], NaN. Thrown by the functions in Statistics/ instead of trapping, because such input can come
/// from data (a corrupt baseline, a bad log line) rather than from a programming error.
public struct StatisticsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong; extensible without breaking callers.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let name: String

        init(_ name: String) { self.name = name }

        /// Two arrays that must describe the same cells have different lengths.
        public static let lengthMismatch = Code("lengthMismatch")
        /// A count is negative.
        public static let negativeCount = Code("negativeCount")
        /// A probability, proportion or weight is negative, NaN, infinite, or (for a probability) above 1.
        public static let invalidProbability = Code("invalidProbability")
        /// A distribution has no mass at all (all counts or weights zero), so it cannot be normalised.
        public static let emptyDistribution = Code("emptyDistribution")
        /// Any other argument out of its domain (successes above trials, edges not increasing, ...).
        public static let invalidArgument = Code("invalidArgument")

        public var description: String { name }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}

/// Why a test was not run: the data are valid but too thin to say anything.
public enum InsufficientData: Sendable, Hashable, CustomStringConvertible {
    /// No observations at all (n == 0).
    case noObservations
    /// One of the two samples being compared is empty.
    case emptySample
    /// Fewer than two cells remain after pooling sparse cells, so there is no degree of freedom to test.
    case tooFewCells(remaining: Int)

    public var description: String {
        switch self {
        case .noObservations: "no observations"
        case .emptySample: "one of the two samples is empty"
        case .tooFewCells(let remaining): "\(remaining) cell(s) left after pooling sparse cells; need at least 2"
        }
    }
}

/// The result of a statistical test: a report, or the reason the data could not support the test.
public enum TestOutcome<Report: Sendable & Hashable>: Sendable, Hashable {
    case tested(Report)
    case insufficientData(InsufficientData)

    /// The report when the test ran, nil otherwise.
    public var report: Report? {
        if case .tested(let report) = self { return report }
        return nil
    }
}

// Validation shared by the statistics. Each throws the error a caller can act on and names the argument.

@inline(__always)
func requireSameLength(_ a: Int, _ b: Int, _ what: String) throws(StatisticsError) {
    guard a == b else { throw StatisticsError(.lengthMismatch, "\(what): lengths \(a) and \(b) differ") }
}

/// The sum of `counts`, after checking that none is negative.
@inline(__always)
func checkedTotal(_ counts: [Int], _ what: String) throws(StatisticsError) -> Int {
    var total = 0
    for c in counts {
        guard c >= 0 else { throw StatisticsError(.negativeCount, "\(what): negative count \(c)") }
        total += c
    }
    return total
}

/// The sum of `weights`, after checking that each is finite and non-negative.
@inline(__always)
func checkedWeightTotal(_ weights: [Double], _ what: String) throws(StatisticsError) -> Double {
    var total = 0.0
    for w in weights {
        guard w.isFinite, w >= 0 else {
            throw StatisticsError(.invalidProbability, "\(what): weight \(w) is negative or not finite")
        }
        total += w
    }
    return total
}

@inline(__always)
func checkProbability(_ p: Double, _ what: String) throws(StatisticsError) {
    guard p >= 0, p <= 1 else { throw StatisticsError(.invalidProbability, "\(what): \(p) is not in [0, 1]") }
}
