// FalseAlarmBudget: turning "one false alarm per T seconds" into a per-test significance level for the battery
// of tests run on every window.

/// A false-alarm budget split across the tests of a window (Bonferroni).
///
/// With m tests per window, each at level α, the expected number of false alarms per window is at most m α; one
/// false alarm per W windows therefore needs α = 1 / (W m). Bonferroni ignores correlation between the tests, so
/// the real false-alarm rate is lower than budgeted (conservative).
public enum FalseAlarmBudget {
    /// W = T · r / n: the number of windows between false alarms for one false alarm per T seconds, at r
    /// interactions per second and n interactions per window. Clamped to at least 1 (one window), which is also
    /// the result for a zero, negative or NaN rate.
    public static func windowsBetweenFalseAlarms(
        secondsBetweenFalseAlarms t: Double, interactionsPerSecond r: Double, windowSize n: Int
    ) -> Double {
        let w = t * r / Double(max(1, n))
        return w >= 1 ? w : 1
    }

    /// α = 1 / (W · m): the per-test significance level for one false alarm per W windows across m tests per
    /// window. W below 1 (or NaN) is taken as 1 and m below 1 as 1, so α is always in (0, 1].
    public static func perTestAlpha(windowsBetweenFalseAlarms w: Double, testsPerWindow m: Int) -> Double {
        1 / ((w >= 1 ? w : 1) * Double(max(1, m)))
    }
}
