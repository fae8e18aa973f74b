// StoreCrashTests: what a crash leaves behind reopens with every committed window and alert event — files copied
// from under a live store (its -wal file not checkpointed), a writer process killed with SIGKILL while it records
// window after window, and a writer killed in the middle of a transaction (python3's sqlite3).

import Drift
import Foundation
import SliceWatchTesting
import Store
import Testing

/// Checks that the database file is sound.
private func integrity(_ path: String) throws -> String { try sqliteOutput(path, "PRAGMA integrity_check") }

@Test func anUncleanShutdownKeepsEveryCommit() throws {
    let folder = TemporaryFolder()
    let live = folder.path("live/s.db")
    let store = try SliceWatchStore(path: live)
    let run = try store.startRun()
    let firingWindow = Fixture.events.first { $0.state == .firing }!.window
    for r in Fixture.reports.prefix(through: firingWindow) { try store.record(r, reference: Fixture.reference, run: run) }
    // The store is still open: its commits sit in the -wal file, not checkpointed into the database file. Copy the
    // files as they are, which is what a kill -9 or a power cut leaves on disk.
    let walSize = (try FileManager.default.attributesOfItem(atPath: live + "-wal")[.size] as? Int) ?? 0
    #expect(walSize > 0, "the commits are in the write-ahead log")
    let copy = folder.path("copy/s.db")
    try FileManager.default.createDirectory(atPath: folder.path("copy"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: live, toPath: copy)
    try FileManager.default.copyItem(atPath: live + "-wal", toPath: copy + "-wal")

    let reopened = try SliceWatchStore(path: copy)
    #expect(try reopened.windows(limit: 100).count == firingWindow + 1)
    #expect(try reopened.alertHistory().map(\.state) == [.firing, .pending])
    #expect(try reopened.firingAlerts().map(\.key) == ["novelty"])
    #expect(try integrity(copy) == "ok")
}

private let childVariable = "SLICEWATCH_STORE_CRASH_CHILD"

/// The tests that kill a writer process run one after the other: run side by side, each spawning its process
/// while the other blocks waiting on one, they once stalled together until the child's own 60 s ended.
@Suite(.serialized) struct KilledWriterTests {
    // MARK: a real process killed with SIGKILL

    /// The child side of `killNineLosesNoCommittedAlertEvent`: records windows, each with an alert event, and prints
    /// "committed N" after each commit, until killed (or for 60 s at most).
    @Test(.enabled(if: ProcessInfo.processInfo.environment[childVariable] != nil, "runs only as the child process of killNineLosesNoCommittedAlertEvent"))
    func storeCrashChildWritesUntilKilled() throws {
        let path = try #require(ProcessInfo.processInfo.environment[childVariable])
        let store = try SliceWatchStore(path: path)
        let run = try store.startRun()
        let template = Fixture.reports[Fixture.events.first { $0.state == .firing }!.window]
        let start = Date()
        var i = 0
        while Date().timeIntervalSince(start) < 60 {
            var r = template
            r.index = i
            r.events = [template.events[0]]
            r.events[0].window = i
            r.events[0].key = "crash/\(i)"
            try store.record(r, reference: Fixture.reference, run: run)
            FileHandle.standardOutput.write(Data("committed \(i)\n".utf8))  // unbuffered: write(2)
            i += 1
        }
    }

#if os(Linux)
    @Test(.timeLimit(.minutes(2)))
    func killNineLosesNoCommittedAlertEvent() throws {
        let folder = TemporaryFolder()
        let path = folder.path("crash.db")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe")  // this test runner, re-run for one test
        process.arguments = ["--testing-library", "swift-testing", "--filter", "storeCrashChildWritesUntilKilled"]
        process.environment = ProcessInfo.processInfo.environment.merging([childVariable: path]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        let errors = folder.path("child-stderr.txt")
        _ = FileManager.default.createFile(atPath: errors, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        try process.run()

        var text = ""
        var committed: [Int] {
            text.split(separator: "\n").compactMap { $0.hasPrefix("committed ") ? Int($0.dropFirst(10)) : nil }
        }
        // Let it commit a few dozen windows, then kill it mid-stream.
        while (committed.last ?? -1) < 40 {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }  // the child ended on its own: a failure reported below
            text += String(decoding: data, as: UTF8.self)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        text += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let childErrors = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL, "\(text)\n\(childErrors)")
        let last = try #require(committed.last, "the child committed nothing: \(text)\n\(childErrors)")
        #expect(last >= 40)

        #expect(FileManager.default.fileExists(atPath: path + "-wal"), "an unclean stop leaves the write-ahead log behind")
        let store = try SliceWatchStore(path: path)
        let keys = Set(try store.alertHistory(limit: 1_000_000).map(\.key))
        let missing = (0...last).filter { !keys.contains("crash/\($0)") }
        #expect(missing.isEmpty, "alert events reported committed but lost: \(missing)")
        let windows = try store.windows(limit: 1_000_000)
        // At most the window being written when the kill came is missing; a window and its event are all or nothing.
        #expect(windows.count == keys.count && (last + 1...last + 2).contains(windows.count), "\(windows.count) windows, \(keys.count) events, last \(last)")
        #expect(try integrity(path) == "ok")
        // And the store goes on: the next window records.
        let run = try store.startRun()
        try store.record(Fixture.reports[0], reference: Fixture.reference, run: run)
    }
#endif

    // MARK: a writer killed inside its transaction

    @Test(.enabled(if: ScriptServer.python != nil, "python3 is not installed"), .timeLimit(.minutes(2)))
    func aWriterKilledMidTransactionLosesOnlyItsTransaction() throws {
        let folder = TemporaryFolder()
        let path = folder.path("s.db")
        do {
            let store = try SliceWatchStore(path: path)
            let run = try store.startRun()
            for r in Fixture.reports { try store.record(r, reference: Fixture.reference, run: run) }
        }
        // A writer that deletes the alert history and adds a state row, spilling its uncommitted pages into the
        // write-ahead log (cache of one page), and is killed before it commits.
        let script = folder.path("writer.py")
        try Data(
            """
            import sqlite3, sys, time
            con = sqlite3.connect(sys.argv[1], isolation_level=None)
            con.execute("PRAGMA cache_size = 1")
            con.execute("BEGIN IMMEDIATE")
            con.execute("DELETE FROM alert_events")
            con.execute("DELETE FROM windows")
            con.execute("INSERT INTO state (key, value, updated_ns) VALUES ('uncommitted', 'x', 0)")
            print("in transaction", flush=True)
            time.sleep(60)
            """.utf8
        ).write(to: URL(fileURLWithPath: script))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ScriptServer.python!)
        process.arguments = [script, path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var text = ""
        while !text.contains("in transaction") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        #expect(text.contains("in transaction"))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let store = try SliceWatchStore(path: path)
        #expect(try store.alertHistory().count == Fixture.events.count)
        #expect(try store.windows(limit: 100).count == Fixture.reports.count)
        #expect(try store.state(forKey: "uncommitted") == nil)
        #expect(try integrity(path) == "ok")
        // Its lock died with it: the next window records at once.
        try store.record(Fixture.reports[0], reference: Fixture.reference, run: try store.startRun())
    }
}
