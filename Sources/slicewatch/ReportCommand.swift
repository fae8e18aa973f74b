// ReportCommand: `slicewatch report` — one self-contained HTML page (slice shares baseline vs live, drift and
// novelty over time, quality per slice, alerts with their evidence, examples, eval coverage gaps) from a capture
// or interaction log replayed against a baseline, or from the sidecar's store.

import ArgumentParser
import Baseline
import Drift
import Foundation
import Report
import Sidecar
import Store

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the drift report as one self-contained HTML file.",
        discussion: """
            Replays a capture or interaction log (--read) against the baseline, or reads the sidecar's store \
            (--store: windows, alerts and sampled inputs; latency and quality per slice are on the live page at \
            the admin server's /). The page needs no network.
            """)

    @Option(help: ArgumentHelp("A capture (pcap, pcapng) or an interaction log (.jsonl) to replay.", valueName: "file"))
    var read: String?

    @Option(help: ArgumentHelp("The sidecar's SQLite store.", valueName: "file"))
    var store: String?

    @Option(help: ArgumentHelp("The baseline file.", valueName: "file"))
    var baseline: String

    @Option(help: ArgumentHelp("Window for --read: a count of interactions (500) or packet time (30s, 5m, 1h).", valueName: "size"))
    var window = "500"

    @Option(name: .shortAndLong, help: ArgumentHelp("The HTML file to write.", valueName: "file"))
    var output: String

    @OptionGroup var embedding: EmbeddingOptions

    func validate() throws {
        guard (store == nil) != (read == nil) else { throw ValidationError("give exactly one of --store and --read") }
    }

    func run() throws {
        let model: ReportModel
        if let read {
            var settings = DriftSettings()
            settings.window = try ReplayCommand.parseWindow(window)
            let (document, embedder) = try ReplaySource.loadBaseline(baseline, embedding: embedding)
            let session = ReplaySource.silentSession(document, embedder: embedder, settings: settings)
            var recorder = ReportRecorder(reference: session.monitor.reference, document: document)
            session.onReport = { report, _ in recorder.add(report) }
            try ReplaySource.feed(read, into: session, product: "report")
            model = recorder.model(
                monitor: session.monitor, source: "replay of \(read) against \(baseline)", windowSize: settings.window.description)
        } else {
            model = try Self.fromStore(store!, baseline: baseline)
        }
        do {
            try Data(ReportHTML.render(model).utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            printError("slicewatch: cannot write \(output): \(error.localizedDescription)")
            throw ExitCode(1)
        }
        printError("slicewatch report: \(model.totals.interactions) interactions, \(model.totals.windows) windows, "
            + "\(model.alerts.count) alert events -> \(output)")
    }

    /// The report from the store's windows, alert history and sampled inputs (no latency or quality per slice).
    static func fromStore(_ path: String, baseline: String) throws -> ReportModel {
        do {
            guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("\(path): no such store") }
            let document = try BaselineDocument(contentsOf: baseline)
            let store = try SliceWatchStore(path: path)
            let windows = try store.windows(limit: ReportRecorder.windowsKept).reversed()
            let history = try store.alertHistory(limit: ReportRecorder.eventsKept)
            let sampled = try store.sampledInteractions(perSlice: 3)
            return StoreReport(document: document, windows: Array(windows), history: history, sampled: sampled)
                .model(source: "store \(path) against \(baseline)")
        } catch let error as ValidationError {
            printError("slicewatch: \(error)")
            throw ExitCode(1)
        } catch {
            printError("slicewatch: \(error)")
            throw ExitCode(1)
        }
    }
}
