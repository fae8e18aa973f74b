// StoreRetentionTests: the limits of StoreSettings — window and interaction counts, age (findings go with their
// windows), the longer alert retention, and the one alert event never pruned: the latest of a firing alert.

import Drift
import Foundation
import SliceWatchTesting
import Store
import Testing

private let day = 86400.0

@Test func maxWindowsKeepsTheNewestAndTheirFindings() throws {
    let folder = TemporaryFolder()
    var settings = StoreSettings(path: folder.path("s.db"))
    settings.maxWindows = 5
    settings.maxInteractions = 10
    let store = try SliceWatchStore(settings: settings)
    let run = try store.startRun()
    for r in Fixture.reports {
        let sampled = (0..<6).map { SampledInteraction(interaction: Fixture.interaction(r.index * 10 + $0), slice: "s0") }
        try store.record(r, reference: Fixture.reference, run: run, sampled: sampled)
    }
    #expect(try store.windows(limit: 100).map(\.index) == [15, 14, 13, 12, 11])
    let kept = Set(11...15)
    let expectedFindings = Fixture.reports.filter { kept.contains($0.index) }.flatMap(\.findings).count
    #expect(try store.findings(limit: 1000).count == expectedFindings)
    #expect(try store.findings(limit: 1000).allSatisfy { kept.contains($0.window) })
    #expect(try store.sampledInteractions().count == 10)
    #expect(try store.sampledInteractions().last?.interaction.id == Fixture.interaction(142).id)
    #expect(try store.alertHistory().count == Fixture.events.count, "alert history is not cut by window limits")
}

@Test func ageRetentionPrunesWindowsFindingsAndInteractionsButNotAlerts() throws {
    let folder = TemporaryFolder()
    let store = try SliceWatchStore(path: folder.path("s.db"))
    let run = try store.startRun()
    let then = Date(timeIntervalSince1970: 1_700_000_000)
    for r in Fixture.reports {
        let sampled = [SampledInteraction(interaction: Fixture.interaction(r.index), slice: nil)]
        try store.record(r, reference: Fixture.reference, run: run, sampled: sampled, recordedAt: then)
    }
    let findings = Fixture.reports.flatMap(\.findings).count
    #expect(try store.prune(now: then.addingTimeInterval(29 * day)).total == 0, "nothing is 30 days old yet")
    let pruned = try store.prune(now: then.addingTimeInterval(31 * day))
    #expect(pruned.windows == Fixture.reports.count)
    #expect(pruned.findings == findings, "findings go with their windows")
    #expect(pruned.interactions == Fixture.reports.count)
    #expect(pruned.alertEvents == 0)
    #expect(try store.windows().isEmpty && store.findings().isEmpty && store.sampledInteractions().isEmpty)
    #expect(try store.alertHistory().count == Fixture.events.count)
    #expect(try store.prune(now: then.addingTimeInterval(366 * day)).alertEvents == Fixture.events.count)
    #expect(try store.alertHistory().isEmpty)
}

@Test func theLatestEventOfAFiringAlertOutlivesRetention() throws {
    let folder = TemporaryFolder()
    let store = try SliceWatchStore(path: folder.path("s.db"))
    let run = try store.startRun()
    let then = Date(timeIntervalSince1970: 1_700_000_000)
    let firingWindow = Fixture.events.first { $0.state == .firing }!.window
    for r in Fixture.reports.prefix(through: firingWindow) {
        try store.record(r, reference: Fixture.reference, run: run, recordedAt: then)
    }
    let pruned = try store.prune(now: then.addingTimeInterval(400 * day))
    #expect(pruned.alertEvents == 1, "the pending event goes")
    #expect(try store.alertHistory().map(\.state) == [.firing])
    #expect(try store.firingAlerts().map(\.key) == ["novelty"])
}

@Test func recordPrunesAsItGoes() throws {
    let folder = TemporaryFolder()
    var settings = StoreSettings(path: folder.path("s.db"))
    settings.retention = 3 * 3600
    let store = try SliceWatchStore(settings: settings)
    let run = try store.startRun()
    let start = Date(timeIntervalSince1970: 1_700_000_000)
    for r in Fixture.reports {
        // One window an hour: only the windows of the last three hours stay.
        try store.record(r, reference: Fixture.reference, run: run, recordedAt: start.addingTimeInterval(Double(r.index) * 3600))
    }
    #expect(try store.windows().map(\.index) == [15, 14, 13, 12])
}
