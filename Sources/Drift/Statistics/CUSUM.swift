// CUSUM: the one-sided upper cumulative-sum detector that accumulates small, persistent evidence of drift across
// windows, and the conversion of a window's p-value into the z it accumulates.

import Foundation

/// Page's one-sided upper CUSUM on standardised scores.
///
/// Each window contributes a z-score (0 in expectation when nothing changed, shifted upward by drift). The
/// statistic S = max(0, S + z − k) forgets evidence below the reference k and alarms when S > h. Rules of thumb:
/// k is half the shift (in standard deviations) worth detecting quickly; k = 0.5, h ≈ 4–5 gives an in-control
/// average run length of several hundred windows. After an alarm S keeps accumulating until `reset()`.
public struct CUSUM: Sendable, Hashable {
    /// k, the allowance subtracted from each score.
    public let reference: Double
    /// h, the decision threshold.
    public let threshold: Double
    /// S, the current cumulative sum (≥ 0).
    public private(set) var statistic: Double = 0

    public init(reference k: Double, threshold h: Double) {
        precondition(k.isFinite && h.isFinite && h >= 0, "CUSUM reference and threshold must be finite, h ≥ 0")
        reference = k
        threshold = h
    }

    /// Adds one score, S = max(0, S + z − k), and returns whether S now exceeds the threshold. A NaN score
    /// carries no information and leaves S unchanged; an infinite score counts as ±8, like `zScore(pValue:)`.
    @discardableResult
    public mutating func update(z: Double) -> Bool {
        if !z.isNaN { statistic = max(0, statistic + (z.isFinite ? z : (z > 0 ? 8 : -8)) - reference) }
        return statistic > threshold
    }

    /// Whether S currently exceeds the threshold.
    public var isAlarming: Bool { statistic > threshold }

    /// Sets S back to 0 (after an alarm has been handled, or when the baseline changes).
    public mutating func reset() {
        statistic = 0
    }

    /// The one-sided z of a p-value: Φ⁻¹(1 − p), computed as −Φ⁻¹(p) to keep tiny p precise, clamped to [−8, 8]
    /// so that one extreme window cannot dominate the sum (p = 0 gives 8, p = 1 gives −8). NaN gives 0.
    public static func zScore(pValue p: Double) -> Double {
        guard !p.isNaN else { return 0 }
        return min(8, max(-8, StandardNormal.inverseSurvival(min(1, max(0, p)))))
    }
}
