// AlertRestoreTests: after a restart, the firing alerts read from the store's history go back into an
// AlertManager (AlertManager.restore), which then neither fires them again nor forgets to resolve them.

import Drift
import Foundation
import SliceWatchTesting
import Store
import Testing

@Test func aRestoredAlertIsNotFiredAgainAndStillResolves() throws {
    let folder = TemporaryFolder()
    let path = folder.path("s.db")
    let firingEvent = try #require(Fixture.events.first { $0.state == .firing })
    do {
        // The first process records up to the window the alert fired in, then dies.
        let store = try SliceWatchStore(path: path)
        let run = try store.startRun()
        for r in Fixture.reports.prefix(through: firingEvent.window) {
            try store.record(r, reference: Fixture.reference, run: run)
        }
    }
    let store = try SliceWatchStore(path: path)
    let firing = try store.firingAlerts()
    #expect(firing.map(\.key) == ["novelty"])
    let restored = try #require(firing.first?.firingAlert)
    #expect(restored.since == firingEvent.since && restored.finding == firingEvent.finding)

    var alerts = AlertManager(firingAfter: 2, resolvingAfter: 2, cooldown: 6)
    alerts.restore(firing: [restored])
    #expect(alerts.firing == ["novelty"])
    #expect(alerts.firingFindings == [firingEvent.finding])
    let finding = firingEvent.finding
    // Still drifting: no new event (a fresh manager would start a new pending alert here).
    #expect(alerts.update(window: 0, interactionIndex: 500, time: nil, findings: ["novelty": finding], clear: []).isEmpty)
    var fresh = AlertManager(firingAfter: 2, resolvingAfter: 2, cooldown: 6)
    #expect(fresh.update(window: 0, interactionIndex: 500, time: nil, findings: ["novelty": finding], clear: []).map(\.state) == [.pending])
    // Quiet again: resolved after two clear windows, with the original start.
    #expect(alerts.update(window: 1, interactionIndex: 1000, time: nil, findings: [:], clear: ["novelty"]).isEmpty)
    let resolved = alerts.update(window: 2, interactionIndex: 1500, time: nil, findings: [:], clear: ["novelty"])
    #expect(resolved.map(\.state) == [.resolved])
    #expect(resolved.first?.since == firingEvent.since)
    #expect(alerts.firing.isEmpty)
}

@Test func restoringNothingChangesNothing() {
    var alerts = AlertManager(firingAfter: 1, resolvingAfter: 1, cooldown: 0)
    alerts.restore(firing: [])
    #expect(alerts.firing.isEmpty)
}
