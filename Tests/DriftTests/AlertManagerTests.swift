// AlertManagerTests: pending -> firing after the configured windows, one event per change (no repeats while
// firing), hysteresis on resolve, and the cooldown before the same alert fires again.

import Drift
import Testing

private func finding(_ key: String) -> Finding {
    let r = TestResult(
        test: .novelty, slice: "novel", descriptor: nil, statistic: "binomial", value: 0.2, baselineValue: 0.05, sampleSize: 500,
        pValue: 1e-12, z: 7, effectName: "excess_rate", effect: 0.15, floor: 0.02, insufficientData: nil, examples: [])
    return Finding(result: r, trigger: "window", alpha: 1e-8, cusum: 0, cusumThreshold: 8)
}

@Test func pendingFiringResolvedWithCooldown() {
    var alerts = AlertManager(firingAfter: 2, resolvingAfter: 2, cooldown: 3)
    var states: [(Int, AlertEvent.State)] = []
    // window: 0-3 finding, 4-5 clear, 6 finding, 7 finding (still cooling down), 8-9 finding
    let plan: [Bool?] = [true, true, true, true, false, false, true, true, true, true]
    for (w, f) in plan.enumerated() {
        let events = alerts.update(
            window: w, interactionIndex: (w + 1) * 500, time: nil, findings: f == true ? ["novelty": finding("novelty")] : [:],
            clear: f == false ? ["novelty"] : [])
        states += events.map { ($0.window, $0.state) }
    }
    #expect(states.map(\.1) == [.pending, .firing, .resolved, .pending, .firing])
    #expect(states.map(\.0) == [0, 1, 5, 6, 9])
}

@Test func aTestWithoutDataHoldsItsState() {
    var alerts = AlertManager(firingAfter: 1, resolvingAfter: 1, cooldown: 0)
    _ = alerts.update(window: 0, interactionIndex: 500, time: nil, findings: ["novelty": finding("novelty")], clear: [])
    #expect(alerts.firing == ["novelty"])
    _ = alerts.update(window: 1, interactionIndex: 1000, time: nil, findings: [:], clear: [])  // neither: hold
    #expect(alerts.firing == ["novelty"])
    let events = alerts.update(window: 2, interactionIndex: 1500, time: nil, findings: [:], clear: ["novelty"])
    #expect(events.map(\.state) == [.resolved])
}
