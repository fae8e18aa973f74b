// ExecSinkTests: the re-evaluation trigger with real commands — the alert JSON on stdin and in the environment,
// output and exit status recorded, a timeout that kills the whole process group, one run at a time with waiting
// notices coalesced, the minInterval rate limit, and a command that cannot start.

import Drift
import Foundation
import Testing

@testable import Sinks

private func exec(_ command: [String], timeout: Double = 10, minInterval: Double = 0) throws -> SinkDispatcher {
    try SinkDispatcher(settings: [
        SinkSettings(kind: .exec(ExecSettings(command: command, timeout: timeout, minInterval: minInterval)))
    ])
}

private func lines(_ path: String) -> [String] {
    ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
}

struct ExecSinkTests {
    @Test func commandSeesTheAlertOnStdinAndInItsEnvironment() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let stdinPath = directory.appendingPathComponent("stdin.json").path
        let envPath = directory.appendingPathComponent("env.txt").path
        let dispatcher = try exec([
            "sh", "-c", #"cat > "$1"; env > "$2"; echo "re-evaluating $SLICEWATCH_ALERT_KEY"; echo oops >&2"#,
            "sh", stdinPath, envPath,
        ])
        defer { dispatcher.shutdown(timeout: 0) }
        let notice = sampleNotice(.firing, exportPath: "/exports/s3.jsonl")
        dispatcher.offer(notice)
        #expect(dispatcher.drain(timeout: 10))

        #expect(try String(contentsOfFile: stdinPath, encoding: .utf8) == notice.json + "\n")
        let environment = Set(lines(envPath))
        for expected in [
            "SLICEWATCH_ALERT_STATE=firing", "SLICEWATCH_ALERT_KEY=slice_share/s3", "SLICEWATCH_ALERT_SLICE=s3",
            "SLICEWATCH_ALERT_SLICE_LABEL=travel booking", "SLICEWATCH_ALERT_TEST=slice_share", "SLICEWATCH_ALERT_WINDOW=7",
            "SLICEWATCH_ALERT_ID=\(notice.id)", "SLICEWATCH_EXPORT_PATH=/exports/s3.jsonl", "SLICEWATCH_COALESCED=0",
            "SLICEWATCH_ALERT_JSON=\(notice.json)",
        ] {
            #expect(environment.contains(expected), "\(expected)")
        }
        #expect(environment.contains { $0.hasPrefix("PATH=") })  // the sidecar's environment is inherited
        // ... but not its configuration and secrets.
        #expect(ExecSink.inherited(["PATH": "/bin", "SLICEWATCH_ADMIN_TOKEN": "t", "SLICEWATCH_EMBEDDING_API_KEY": "k"]) == ["PATH": "/bin"])

        let status = try #require(dispatcher.snapshot().first)
        #expect(status.kind == "exec" && status.target == "sh")
        #expect(status.counters.delivered == 1)
        let run = try #require(status.recentRuns.first)
        #expect(run.succeeded)
        #expect(run.exitStatus == 0)
        #expect(run.output == "re-evaluating slice_share/s3\noops\n")
        #expect(run.key == "slice_share/s3" && run.state == .firing && run.noticeID == notice.id)
    }

    @Test func failuresAndBoundedOutputAreRecorded() throws {
        let dispatcher = try exec(["sh", "-c", "head -c 100000 /dev/zero | tr '\\0' x; exit 3"])
        defer { dispatcher.shutdown(timeout: 0) }
        dispatcher.offer(sampleNotice())
        #expect(dispatcher.drain(timeout: 10))
        let status = try #require(dispatcher.snapshot().first)
        let run = try #require(status.recentRuns.first)
        #expect(run.exitStatus == 3)
        #expect(!run.succeeded)
        #expect(run.outputBytes == 100_000)
        #expect(run.output.utf8.count == ExecSink.outputLimit)
        #expect(status.counters.failedAttempts == 1 && status.counters.gaveUp == 1)
        #expect(status.lastError == "sh exited with status 3")
    }

    @Test func aTimeoutKillsTheCommandAndWhatItStarted() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pidPath = directory.appendingPathComponent("sleep.pid").path
        let dispatcher = try exec(["sh", "-c", #"sleep 30 & echo $! > "$1"; wait"#, "sh", pidPath], timeout: 0.5)
        defer { dispatcher.shutdown(timeout: 0) }
        let start = Date()
        dispatcher.offer(sampleNotice())
        #expect(dispatcher.drain(timeout: 10))
        #expect(Date().timeIntervalSince(start) < 4)

        let status = try #require(dispatcher.snapshot().first)
        let run = try #require(status.recentRuns.first)
        #expect(run.timedOut)
        #expect(run.exitStatus == nil && run.signal == SIGTERM)
        #expect(status.counters.timeouts == 1 && status.counters.gaveUp == 1)
        #expect(status.lastError?.contains("killed") == true)
        // The background `sleep 30` is gone too (gone or a zombie waiting for its reaper).
        let pid = try #require(lines(pidPath).first.flatMap { Int32($0) })
        #expect(eventually(timeout: 3) {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return kill(pid, 0) != 0 }
            return stat.contains(") Z ")
        })
    }

    @Test func oneRunAtATimeAndWaitingNoticesCoalesce() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("runs.log").path
        let dispatcher = try exec([
            "sh", "-c", #"echo "start $SLICEWATCH_ALERT_WINDOW $SLICEWATCH_COALESCED" >> "$1"; sleep 0.6; echo end >> "$1""#,
            "sh", log,
        ])
        defer { dispatcher.shutdown(timeout: 0) }
        dispatcher.offer(sampleNotice(window: 1))
        #expect(eventually { lines(log).count >= 1 })
        dispatcher.offer(sampleNotice(window: 2))
        dispatcher.offer(sampleNotice(window: 3))
        #expect(dispatcher.drain(timeout: 10))

        #expect(lines(log) == ["start 1 0", "end", "start 3 1", "end"])
        let status = try #require(dispatcher.snapshot().first)
        #expect(status.counters.offered == 3)
        #expect(status.counters.delivered == 2)
        #expect(status.counters.coalesced == 1)
        #expect(status.recentRuns.map(\.coalesced) == [0, 1])
        #expect(balanced(status))
    }

    @Test func runsStartAtMostOncePerMinInterval() throws {
        let dispatcher = try exec(["true"], minInterval: 0.8)
        defer { dispatcher.shutdown(timeout: 0) }
        dispatcher.offer(sampleNotice(window: 1))
        #expect(eventually { dispatcher.snapshot().first?.recentRuns.count == 1 })
        dispatcher.offer(sampleNotice(window: 2))
        #expect(dispatcher.drain(timeout: 10))
        let runs = dispatcher.recentRuns()
        try #require(runs.count == 2)
        #expect(runs[1].started.timeIntervalSince(runs[0].started) >= 0.79)
        #expect(runs.allSatisfy { $0.succeeded })
    }

    @Test func shutdownStopsARunningCommand() throws {
        let dispatcher = try exec(["sleep", "30"])
        dispatcher.offer(sampleNotice())
        #expect(eventually { dispatcher.snapshot().first?.inFlight == true })
        let start = Date()
        #expect(!dispatcher.shutdown(timeout: 0.1))
        #expect(eventually { dispatcher.snapshot().first?.recentRuns.first?.cancelled == true })
        #expect(Date().timeIntervalSince(start) < 4)
        #expect(dispatcher.snapshot().first?.counters.abandoned == 1)
    }

    @Test func aCommandThatCannotStartIsAFailedRun() throws {
        let dispatcher = try exec(["/nonexistent/slicewatch-reeval"])
        defer { dispatcher.shutdown(timeout: 0) }
        dispatcher.offer(sampleNotice())
        #expect(dispatcher.drain(timeout: 10))
        let status = try #require(dispatcher.snapshot().first)
        let run = try #require(status.recentRuns.first)
        #expect(run.error?.contains("cannot start /nonexistent/slicewatch-reeval") == true)
        #expect(status.counters.gaveUp == 1)
    }
}
