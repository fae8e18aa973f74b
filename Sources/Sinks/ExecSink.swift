// ExecSink: the re-evaluation trigger — runs a configured command (argv, no shell) with the alert JSON on stdin and
// in environment variables; one run at a time, at most one start per minInterval (waiting notices are coalesced
// into the newest), with a timeout that kills the command; each run's exit and bounded output kept for queries.

import Drift
import Foundation

/// One run of the exec command.
public struct ExecRun: Sendable, Hashable {
    /// The notice it ran for (the newest of those coalesced) and how many older waiting notices it replaced.
    public var key: String
    public var state: AlertEvent.State
    public var noticeID: String
    public var coalesced: Int
    public var started: Date
    /// Seconds from start to exit (or to the kill).
    public var duration: Double
    /// The exit status when the command exited; the signal when a signal ended it.
    public var exitStatus: Int32?
    public var signal: Int32?
    /// The timeout passed and the command's process group was killed.
    public var timedOut: Bool
    /// The dispatcher shut down and the command was killed.
    public var cancelled: Bool
    /// The first `ExecSink.outputLimit` bytes of stdout and stderr (decoded as UTF-8), and the full byte count.
    public var output: String
    public var outputBytes: Int
    /// Why the command could not be started, if so.
    public var error: String?

    /// Exited with status 0.
    public var succeeded: Bool { exitStatus == 0 && !timedOut && !cancelled && error == nil }
}

/// Runs `ExecSettings.command` for notices. The program (argv[0]) is looked up in PATH; the arguments are passed as
/// they are, no shell (a command configured as one string runs through `/bin/sh -c`). Its environment is this
/// process's without the `SLICEWATCH_*` variables (configuration and secrets), plus:
///
/// | variable | value |
/// |---|---|
/// | `SLICEWATCH_ALERT_STATE` | pending, firing or resolved |
/// | `SLICEWATCH_ALERT_KEY` | the test key, e.g. slice_share/s3 |
/// | `SLICEWATCH_ALERT_TEST` | the test family, e.g. slice_share |
/// | `SLICEWATCH_ALERT_SLICE`, `SLICEWATCH_ALERT_SLICE_LABEL` | the slice and its label (empty when none) |
/// | `SLICEWATCH_ALERT_WINDOW` | the window of the state change |
/// | `SLICEWATCH_ALERT_SUMMARY` | the one-line summary |
/// | `SLICEWATCH_ALERT_ID` | the notice id |
/// | `SLICEWATCH_ALERT_JSON` | the alert JSON line (left out when over 64 KiB; stdin always has it) |
/// | `SLICEWATCH_EXPORT_PATH` | the export file, when there is one |
/// | `SLICEWATCH_COALESCED` | older notices folded into this run |
///
/// Stdin receives the JSON line and a newline, then is closed. At most one run at a time (one worker), and a run
/// starts at least `minInterval` seconds after the previous start. Notices arriving meanwhile are not dropped but
/// coalesced: when a run may start, it runs once for the newest waiting notice and the older ones are counted as
/// `coalesced` (a re-evaluation covers the current state, so running it once per stale notice would only repeat
/// it). After `timeout` seconds the command's process group gets SIGTERM, then SIGKILL 2 s later. Exit 0 counts as
/// delivered; any other end as a failed attempt that is given up (a failing evaluation is not retried).
public final class ExecSink: AlertSink, @unchecked Sendable {
    /// The configuration it was built from.
    public let settings: ExecSettings
    /// Output bytes kept per run, and runs kept for `recentRuns`.
    public static let outputLimit = 16384
    public static let runsKept = 20
    private let lock = NSLock()
    private var runs: [ExecRun] = []
    /// When the last run started; only the worker thread touches it.
    private var lastStart: Date?

    public var kind: String { "exec" }
    public var target: String { settings.command.first ?? "" }

    /// Throws when the command is empty.
    public init(settings: ExecSettings) throws {
        guard let program = settings.command.first, !program.isEmpty else {
            throw SinkError("exec command is empty: give the program and its arguments")
        }
        self.settings = settings
    }

    /// The most recent runs, oldest first (at most `runsKept`).
    public var recentRuns: [ExecRun] {
        lock.lock()
        defer { lock.unlock() }
        return runs
    }

    public func deliver(_ notice: AlertNotice, context: DeliveryContext) -> DeliveryOutcome {
        if let lastStart, !context.wait(until: lastStart.addingTimeInterval(max(0, settings.minInterval))) {
            return .abandoned
        }
        let (newest, coalesced) = context.takeNewest(replacing: notice)
        lastStart = Date()
        let run = execute(newest, coalesced: coalesced, shouldStop: { context.isStopping })
        lock.lock()
        runs.append(run)
        if runs.count > Self.runsKept { runs.removeFirst(runs.count - Self.runsKept) }
        lock.unlock()

        if run.succeeded { return .delivered }
        if run.cancelled { return .abandoned }
        let message: String
        if let error = run.error {
            message = error
        } else if run.timedOut {
            message = "\(target) ran longer than \(settings.timeout) s and was killed"
        } else if let status = run.exitStatus {
            message = "\(target) exited with status \(status)"
        } else {
            message = "\(target) was ended by signal \(run.signal ?? 0)"
        }
        context.attemptFailed(message, timedOut: run.timedOut)
        return .gaveUp(message)
    }

    /// What the command inherits of the sidecar's environment: everything but `SLICEWATCH_*` variables, which
    /// hold its configuration and secrets (the admin token, the embeddings key).
    static func inherited(_ environment: [String: String]) -> [String: String] {
        environment.filter { !$0.key.hasPrefix("SLICEWATCH_") }
    }

    /// The variables added to the command's environment for `notice`.
    public static func environment(for notice: AlertNotice, coalesced: Int) -> [String: String] {
        let event = notice.event
        var env = [
            "SLICEWATCH_ALERT_STATE": event.state.rawValue,
            "SLICEWATCH_ALERT_KEY": event.key,
            "SLICEWATCH_ALERT_TEST": event.finding.result.test.rawValue,
            "SLICEWATCH_ALERT_SLICE": notice.slice ?? "",
            "SLICEWATCH_ALERT_SLICE_LABEL": notice.sliceLabel ?? "",
            "SLICEWATCH_ALERT_WINDOW": String(event.window),
            "SLICEWATCH_ALERT_SUMMARY": notice.summary,
            "SLICEWATCH_ALERT_ID": notice.id,
            "SLICEWATCH_COALESCED": String(coalesced),
        ]
        if notice.json.utf8.count <= 65536 { env["SLICEWATCH_ALERT_JSON"] = notice.json }
        if let path = notice.exportPath { env["SLICEWATCH_EXPORT_PATH"] = path }
        return env
    }

    private func execute(_ notice: AlertNotice, coalesced: Int, shouldStop: () -> Bool) -> ExecRun {
        let started = Date()
        var run = ExecRun(
            key: notice.event.key, state: notice.event.state, noticeID: notice.id, coalesced: coalesced, started: started,
            duration: 0, exitStatus: nil, signal: nil, timedOut: false, cancelled: false, output: "", outputBytes: 0,
            error: nil)
        let environment = Self.inherited(ProcessInfo.processInfo.environment)
            .merging(Self.environment(for: notice, coalesced: coalesced)) { $1 }
        do {
            let result = try ChildProcess.run(
                argv: settings.command, environment: environment, input: Array((notice.json + "\n").utf8),
                timeout: settings.timeout, outputLimit: Self.outputLimit, shouldStop: shouldStop)
            run.exitStatus = result.exitStatus
            run.signal = result.signal
            run.timedOut = result.timedOut
            run.cancelled = result.cancelled
            run.output = String(decoding: result.output, as: UTF8.self)
            run.outputBytes = result.outputBytes
        } catch {
            run.error = "\(error)"
        }
        run.duration = Date().timeIntervalSince(started)
        return run
    }
}
