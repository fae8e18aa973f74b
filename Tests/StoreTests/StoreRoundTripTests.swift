// StoreRoundTripTests: what goes in comes back — windows with their JSON lines and slice counts, findings with
// full-precision evidence, the alert history newest first, firing alerts derived from it, sampled interactions
// (scrubbed, per-slice limits), runs and resumable state; the file is in WAL mode.

import Drift
import Exchange
import Foundation
import JSON
import SliceWatchTesting
import Store
import Testing

/// Records every fixture report into a new store; returns the store and the run id.
func filledStore(_ folder: TemporaryFolder, sampled: (Int) -> [SampledInteraction] = { _ in [] }) throws -> (SliceWatchStore, String) {
    let store = try SliceWatchStore(path: folder.path("state/slicewatch.db"))
    let run = try store.startRun(baseline: "fixture.json", baselineHash: "abc123", settings: #"{"window":500}"#)
    for r in Fixture.reports {
        try store.record(r, reference: Fixture.reference, run: run, sampled: sampled(r.index), state: ["window": "\(r.index)"])
    }
    return (store, run)
}

@Test func windowsRoundTripWithTheirJSONLines() throws {
    let folder = TemporaryFolder()
    let (store, run) = try filledStore(folder)
    #expect(try store.journalMode() == "wal")
    #expect(FileManager.default.fileExists(atPath: folder.path("state/slicewatch.db")), "parent folder created")

    let windows = try store.windows(limit: 1000)
    #expect(windows.count == Fixture.reports.count)
    #expect(windows.map(\.index) == Fixture.reports.map(\.index).reversed(), "newest first")
    let last = try #require(windows.first)
    let report = Fixture.reports.last!
    #expect(last.runID == run)
    #expect(last.interactions == 500 && last.embedded == report.profile.embedded && last.novel == report.profile.novel)
    #expect(last.start == report.profile.firstTime && last.end == report.profile.lastTime)
    #expect(last.alpha == report.alpha && last.cusumThreshold == report.cusumThreshold)
    #expect(last.sliceCounts["s0"] == report.profile.sliceCounts[0])
    #expect(last.sliceCounts["novel"] == report.profile.novel)
    #expect(last.sliceCounts.values.reduce(0, +) == report.profile.embedded)
    let line = try JSONParser().parse(last.json)
    #expect(line["type"]?.string == "window")
    #expect(line["window"]?.int == report.index)
    #expect(line["slices"]?.array?.count == Fixture.shares.count)

    #expect(try store.windows(limit: 3).count == 3)
    #expect(try store.windows(run: "no such run").isEmpty)
    let since = Fixture.reports[10].profile.lastTime!
    #expect(try store.windows(since: since, limit: 1000).map(\.index) == Array((10...15).reversed()))

    let totals = try store.sliceCounts()
    #expect(totals["novel"] == Fixture.reports.map(\.profile.novel).reduce(0, +))
    #expect(totals["s1"] == Fixture.reports.map { $0.profile.sliceCounts[1] }.reduce(0, +))
}

@Test func findingsKeepTheirEvidenceAtFullPrecision() throws {
    let folder = TemporaryFolder()
    let (store, _) = try filledStore(folder)
    let expected = Fixture.reports.flatMap { r in r.findings.map { (r.index, $0) } }
    #expect(!expected.isEmpty, "the fixture has findings")
    let stored = try store.findings(limit: 1000)
    #expect(stored.count == expected.count)
    let newest = try #require(stored.first)
    let (window, finding) = expected.last!
    #expect(newest.window == window)
    #expect(newest.finding == finding, "every field, p-value and examples included, survives")
    #expect(newest.key == finding.result.key)
    let json = try JSONParser().parse(newest.json)
    #expect(json["key"]?.string == finding.result.key)
    #expect(json["p_value"]?.double == finding.result.pValue)
    #expect(json["summary"]?.string?.isEmpty == false)
    #expect(try store.findings(key: "novelty", limit: 1000).allSatisfy { $0.key == "novelty" })
    #expect(try store.findings(key: "no/such/key").isEmpty)
}

@Test func alertHistoryIsKeptNewestFirstAndTellsWhatIsFiring() throws {
    let folder = TemporaryFolder()
    let store = try SliceWatchStore(path: folder.path("a.db"))
    let run = try store.startRun()
    let events = Fixture.events
    #expect(events.map(\.state) == [.pending, .firing, .resolved], "\(events.map { "\($0.key) \($0.state)" })")
    var firingSeen = false
    for r in Fixture.reports {
        try store.record(r, reference: Fixture.reference, run: run)
        let firing = try store.firingAlerts()
        // While the fixture's novelty alert fires, the store says so; once resolved, it does not.
        if r.events.contains(where: { $0.state == .firing }) { firingSeen = true }
        if r.events.contains(where: { $0.state == .resolved }) { firingSeen = false }
        #expect(firing.map(\.key) == (firingSeen ? ["novelty"] : []), "after window \(r.index)")
    }
    let history = try store.alertHistory()
    #expect(history.map(\.state) == [.resolved, .firing, .pending])
    for (stored, event) in zip(history, events.reversed()) {
        #expect(stored.runID == run)
        #expect(stored.key == event.key && stored.window == event.window && stored.since == event.since)
        #expect(stored.interactionIndex == event.interactionIndex && stored.time == event.time)
        #expect(stored.finding == event.finding)
        let line = try JSONParser().parse(stored.json)
        #expect(line["type"]?.string == "alert" && line["state"]?.string == event.state.rawValue)
    }
    #expect(try store.alertHistory(limit: 1).map(\.state) == [.resolved])
    #expect(try store.alertHistory(key: "slice_mix").isEmpty)
    #expect(try store.alertHistory(since: events[2].time!).map(\.state) == [.resolved])
}

@Test func sampledInteractionsAreScrubbedAndLimitedPerSlice() throws {
    let folder = TemporaryFolder()
    let (store, _) = try filledStore(folder) { window in
        (0..<6).map { k in
            let n = window * 10 + k
            return SampledInteraction(
                interaction: Fixture.interaction(n, status: k == 5 ? 500 : 200, secret: k == 0),
                slice: k < 2 ? "novel" : k < 4 ? "s\(k)" : nil)
        }
    }
    let all = try store.sampledInteractions()
    #expect(all.count == Fixture.reports.count * 6)
    #expect(all.first?.interaction.id == Fixture.interaction(155).id, "newest first")
    #expect(all.allSatisfy { !$0.json.contains("sk-abcdefghijklmnopqrstuvwxyz0123") }, "secrets never reach the disk")
    let withKey = try #require(all.first { $0.interaction.input.contains("with key") })
    #expect(withKey.interaction.input.contains(SecretScrubber.placeholder))
    #expect(all.filter(\.failed).count == Fixture.reports.count)
    let one = try #require(all.first { $0.interaction.id == Fixture.interaction(32).id })
    #expect(one.window == 3 && one.slice == "s2" && one.interaction.output == "answer 32" && one.interaction.latency == 0.25)
    #expect(one.interaction == Fixture.interaction(32), "the interaction JSON round-trips")

    let novel = try store.sampledInteractions(slice: "novel")
    #expect(novel.count == Fixture.reports.count * 2 && novel.allSatisfy { $0.slice == "novel" })
    let perSlice = try store.sampledInteractions(perSlice: 3)
    #expect(perSlice.count == 3 * 4, "novel, s2, s3 and unembedded: three each")
    #expect(Dictionary(grouping: perSlice, by: { $0.slice ?? "-" }).values.allSatisfy { $0.count == 3 })
    #expect(try store.sampledInteractions(limit: 5).count == 5)
    let since = Fixture.interaction(150).requestStart!.nanoseconds
    #expect(try store.sampledInteractions(since: since).count == 6)
}

@Test func runsAndStateAreKept() throws {
    let folder = TemporaryFolder()
    let (store, run) = try filledStore(folder)
    #expect(try store.state(forKey: "window") == "15", "saved with the last window")
    try store.setState(#"{"cusum":{}}"#, forKey: "monitor")
    #expect(try store.allState() == ["window": "15", "monitor": #"{"cusum":{}}"#])
    #expect(try store.state(forKey: "absent") == nil)
    let second = try store.startRun(baseline: "other.json")
    let runs = try store.runs()
    #expect(runs.map(\.id) == [second, run])
    #expect(runs[1].baseline == "fixture.json" && runs[1].baselineHash == "abc123" && runs[1].settings == #"{"window":500}"#)
    // Window numbers restart with the run: the same index in another run is a different window.
    try store.record(Fixture.reports[0], reference: Fixture.reference, run: second)
    #expect(try store.windows(run: second).map(\.index) == [0])
}

@Test func reopeningFindsEverything() throws {
    let folder = TemporaryFolder()
    let path: String
    do {
        let (store, _) = try filledStore(folder)
        path = store.path
        try store.close()
    }
    let store = try SliceWatchStore(path: path)
    #expect(try store.windows(limit: 1000).count == Fixture.reports.count)
    #expect(try store.alertHistory().count == Fixture.events.count)
}

@Test func readersRunWhileWindowsAreWritten() async throws {
    let folder = TemporaryFolder()
    let store = try SliceWatchStore(path: folder.path("s.db"))
    let run = try store.startRun()
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
            for r in Fixture.reports { try store.record(r, reference: Fixture.reference, run: run) }
        }
        group.addTask {
            // The admin API's view: never a window without its alert events, counts only grow.
            var seen = 0
            while seen < Fixture.reports.count {
                let windows = try store.windows(limit: 1000)
                #expect(windows.count >= seen)
                seen = windows.count
                let events = try store.alertHistory()
                let expected = Fixture.reports.prefix(seen).flatMap(\.events).count
                #expect(events.count >= expected)
                await Task.yield()
            }
        }
        try await group.waitForAll()
    }
}

@Test func personalDataIsRedactedBeforeItIsStored() throws {
    let folder = TemporaryFolder()
    var i = Fixture.interaction(1)
    i.input = "refund to jane.doe@example.com, card 4111 1111 1111 1111, call +44 20 7946 0958"
    i.conversation = [Turn(role: "user", text: i.input)]
    i.output = "I wrote to jane.doe@example.com"
    let (store, _) = try filledStore(folder) { $0 == 0 ? [SampledInteraction(interaction: i, slice: "s0")] : [] }
    let stored = try #require(try store.sampledInteractions().first)
    #expect(stored.interaction.input == "refund to <EMAIL>, card <CARD>, call <PHONE>")
    #expect(stored.interaction.output == "I wrote to <EMAIL>")
    #expect(stored.interaction.conversation.first?.text == stored.interaction.input)
    #expect(!stored.json.contains("jane.doe") && !stored.json.contains("4111") && stored.json.contains("<CARD>"))
}
