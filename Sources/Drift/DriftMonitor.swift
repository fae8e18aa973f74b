// DriftMonitor: the stateful heart of drift detection. Cuts observations into tumbling windows (by count or by
// packet time), keeps the cumulative profile since start, evaluates every closed window, turns the budget into
// thresholds, accumulates each test's CUSUM, and drives the alert state machine.

import Foundation

/// One evaluated window.
public struct WindowReport: Sendable {
    /// 0-based window number.
    public var index: Int
    /// Interactions seen before this window, and in it.
    public var firstInteraction: Int
    public var profile: WindowProfile
    /// A window cut short by the end of the input.
    public var partial: Bool
    public var results: [TestResult]
    public var findings: [Finding]
    public var events: [AlertEvent]
    /// Per-test significance level, CUSUM threshold, and the budget they come from.
    public var alpha: Double
    public var cusumThreshold: Double
    public var windowsBetweenFalseAlarms: Double
    /// CUSUM statistic per test key after this window.
    public var cusum: [String: Double]
    /// Quality expected from the window's slice mix and the eval pass rates, and the observed quality's split.
    public var expectedQuality: ExpectedQuality?
}

/// Feeds observations in, gets window reports out.
public struct DriftMonitor: Sendable {
    public let evaluator: DriftEvaluator
    public var settings: DriftSettings { evaluator.settings }
    public var reference: BaselineReference { evaluator.reference }
    /// Everything since start.
    public private(set) var cumulative: WindowProfile
    /// Interactions seen.
    public private(set) var interactions = 0
    public private(set) var windowsClosed = 0
    /// The latest alert events (at most `eventsKept`, oldest first); a store keeps the whole history.
    public private(set) var events: [AlertEvent] = []
    public static let eventsKept = 10_000
    /// Alerts that went to firing since start.
    public private(set) var firedCount = 0
    public private(set) var alerts: AlertManager
    private var current: WindowProfile
    private var windowStart: Int64?
    private var cusum: [String: Double] = [:]
    /// Dispersion factors from reference traffic (none by default).
    public var calibration = Calibration()

    public init(reference: BaselineReference, settings: DriftSettings) {
        evaluator = DriftEvaluator(reference: reference, settings: settings)
        cumulative = WindowProfile(sliceCount: reference.sliceIDs.count)
        current = cumulative
        alerts = AlertManager(
            firingAfter: settings.firingAfter, resolvingAfter: settings.resolvingAfter, cooldown: settings.cooldown)
    }

    /// Adds one observation; returns the windows it closed (none, or one; more for a long gap in time windows).
    public mutating func add(_ o: Observation) -> [WindowReport] {
        var closed: [WindowReport] = []
        if case .duration(let seconds) = settings.window {
            let length = Int64(seconds * 1e9)
            if windowStart == nil { windowStart = o.time - o.time % max(1, length) }
            while o.time >= windowStart! + length {
                if !current.isEmpty { closed.append(close(partial: false)) }
                windowStart! += length * max(1, (o.time - windowStart!) / length)
            }
        }
        current.add(o)
        cumulative.add(o)
        interactions += 1
        if case .count(let n) = settings.window, current.interactions >= n { closed.append(close(partial: false)) }
        return closed
    }

    /// Whether adding `o` would close the current window (a count window with `o` in it, or a time window that
    /// `o` falls after): a replay waits for outstanding grades at that point.
    public func closesWindow(adding o: Observation) -> Bool {
        switch settings.window {
        case .count(let n): return current.interactions + 1 >= n
        case .duration(let seconds):
            guard let start = windowStart else { return false }
            return o.time >= start + Int64(seconds * 1e9) && !current.isEmpty
        }
    }

    /// Counts an external grader's verdict on an interaction of `slice` (nil: novel or not embedded) in the
    /// current window and the cumulative profile: grades count in the window in which they arrive.
    public mutating func addScore(slice: Int?, novel: Bool, passed: Bool) {
        let row = slice.flatMap { reference.sliceIDs.indices.contains($0) ? $0 : nil } ?? (novel ? current.novelIndex : nil)
        current.addScore(row: row, passed: passed)
        cumulative.addScore(row: row, passed: passed)
    }

    /// Puts back alerts that were firing before a restart or a reload (see `AlertManager.restore`).
    public mutating func restoreAlerts(_ firing: [AlertManager.FiringAlert]) {
        alerts.restore(firing: firing)
    }

    /// The alerts firing now, in the form `restoreAlerts` takes.
    public var firingAlerts: [AlertManager.FiringAlert] {
        alerts.firingFindings.map { AlertManager.FiringAlert(key: $0.result.key, since: 0, finding: $0) }
    }

    /// Lets packet (or wall-clock) time pass without an observation: closes the time windows that ended by
    /// `time`, so a live sidecar reports on schedule when traffic pauses. Count windows wait for interactions.
    public mutating func advance(to time: Int64) -> [WindowReport] {
        guard case .duration(let seconds) = settings.window, let start = windowStart else { return [] }
        let length = Int64(seconds * 1e9)
        guard time >= start + length else { return [] }
        var closed: [WindowReport] = []
        if !current.isEmpty { closed.append(close(partial: false)) }
        windowStart = start + length * max(1, (time - start) / max(1, length))
        return closed
    }

    /// Closes the last, partial window (if it holds anything).
    public mutating func finish() -> WindowReport? {
        current.isEmpty ? nil : close(partial: true)
    }

    /// The budget in windows between false alarms, at the traffic seen so far.
    public var windowsBetweenFalseAlarms: Double {
        let perWindow: Double
        switch settings.window {
        case .count(let n): perWindow = Double(n)
        case .duration: perWindow = Double(interactions) / Double(max(1, windowsClosed + 1))
        }
        switch settings.falseAlarms {
        case .interactions(let n):
            return max(1, Double(n) / max(1, perWindow))
        case .seconds(let t):
            if case .duration(let seconds) = settings.window { return max(1, t / seconds) }
            let span = Double((cumulative.lastTime ?? 0) - (cumulative.firstTime ?? 0)) / 1e9
            let rate = Double(interactions) / max(1, span)
            return FalseAlarmBudget.windowsBetweenFalseAlarms(
                secondsBetweenFalseAlarms: t, interactionsPerSecond: rate, windowSize: Int(perWindow))
        }
    }

    private mutating func close(partial: Bool) -> WindowReport {
        let window = current
        let index = windowsClosed
        let first = interactions - window.interactions
        current = WindowProfile(sliceCount: reference.sliceIDs.count)
        windowsClosed += 1

        let w = windowsBetweenFalseAlarms
        let m = evaluator.testsPerWindow
        // Half the budget to single windows, half to the CUSUMs.
        let alpha = FalseAlarmBudget.perTestAlpha(windowsBetweenFalseAlarms: 2 * w, testsPerWindow: m)
        let h = CUSUMThreshold.forAverageRunLength(2 * w * Double(m), reference: settings.cusumReference)
        let results = evaluator.evaluate(window).map(calibration.apply)
        var findings: [String: Finding] = [:]
        var clear: Set<String> = []
        for r in results {
            guard let p = r.pValue, let z = r.z else { continue }
            // Page's CUSUM, capped at 2h; inline rather than the CUSUM type because h follows the observed rate.
            let s = min(2 * h, max(0, (cusum[r.key] ?? 0) + z - settings.cusumReference))
            cusum[r.key] = s
            if r.aboveFloor && (p < alpha || s > h) {
                findings[r.key] = Finding(result: r, trigger: p < alpha ? "window" : "cusum", alpha: alpha, cusum: s, cusumThreshold: h)
            } else if p > alpha * 1000 || r.effect < r.floor / 2 {
                clear.insert(r.key)  // hysteresis: clearly quiet, not merely under the threshold
            }
        }
        let events = alerts.update(
            window: index, interactionIndex: interactions, time: window.lastTime, findings: findings, clear: clear)
        for e in events where e.state == .resolved { cusum[e.key] = 0 }  // old evidence must not re-raise it
        self.events += events
        if self.events.count > Self.eventsKept { self.events.removeFirst(self.events.count - Self.eventsKept) }
        firedCount += events.filter { $0.state == .firing }.count
        return WindowReport(
            index: index, firstInteraction: first, profile: window, partial: partial, results: results,
            findings: findings.values.sorted { $0.result.key < $1.result.key }, events: events, alpha: alpha,
            cusumThreshold: h, windowsBetweenFalseAlarms: w, cusum: cusum, expectedQuality: evaluator.expectedQuality(window))
    }
}

extension DriftMonitor {
    /// Measures the calibration on reference observations cut into this monitor's windows (whole windows
    /// only; nothing is alerted).
    public static func calibrate<S: Sequence>(
        reference: BaselineReference, settings: DriftSettings, observations: S
    ) -> Calibration where S.Element == Observation {
        var probe = DriftMonitor(reference: reference, settings: settings)
        var windows: [[TestResult]] = []
        for o in observations { windows += probe.add(o).map(\.results) }
        return Calibration(referenceWindows: windows)
    }
}

/// The CUSUM decision threshold for a wanted in-control average run length.
public enum CUSUMThreshold {
    /// h such that Siegmund's approximation of the in-control average run length of a one-sided CUSUM on
    /// standard normal scores with allowance k, ARL₀ ≈ (e^{2kb} − 2kb − 1) / (2k²) with b = h + 1.166, equals
    /// `runLength` (found by bisection; at least 0).
    public static func forAverageRunLength(_ runLength: Double, reference k: Double) -> Double {
        func arl(_ h: Double) -> Double {
            let b = h + 1.166
            guard k > 0 else { return b * b }
            let x = 2 * k * b
            return (exp(x) - x - 1) / (2 * k * k)
        }
        var low = 0.0, high = 200.0
        guard arl(low) < runLength else { return 0 }
        for _ in 0..<100 {
            let mid = (low + high) / 2
            if arl(mid) < runLength { low = mid } else { high = mid }
        }
        return high
    }
}
