// WindowHandler: what happens when a window closes in the running sidecar — the live picture is updated, the
// window (with its findings, alert events and a stratified sample of its interactions) is written to the store
// in one transaction, a firing alert's window is exported when `export.on_alert` is on, and every alert event
// goes to the sinks (with the export's path). Lives on the drift thread.

import Baseline
import Drift
import Foundation
import Logging
import Sidecar
import Sinks
import Store

/// The drift session's window and observation callbacks, with the state they need between calls.
final class WindowHandler: @unchecked Sendable {
    private let live: LiveState
    let report: LiveReport
    private let store: SliceWatchStore?
    private let logger: Logger
    private let lock = NSLock()
    private var sampler: InteractionSampler
    private(set) var runID: String?
    private var reference: BaselineReference
    private var labels: [String: String]
    private var sinkDispatcher: SinkDispatcher
    private var exporter: AlertExporter?

    init(live: LiveState, report: LiveReport, store: SliceWatchStore?, runID: String?, reference: BaselineReference, sinks: SinkDispatcher,
         samplePerWindow: Int, exporter: AlertExporter?, logger: Logger) {
        self.exporter = exporter
        self.report = report
        self.live = live
        self.store = store
        self.runID = runID
        self.reference = reference
        self.sinkDispatcher = sinks
        self.logger = logger
        sampler = InteractionSampler(limit: samplePerWindow)
        labels = Self.labels(reference)
    }

    static func labels(_ reference: BaselineReference) -> [String: String] {
        Dictionary(zip(reference.sliceIDs, reference.sliceLabels)) { a, _ in a }
    }

    /// The sinks in use now (replaced on reload).
    var sinks: SinkDispatcher {
        lock.lock()
        defer { lock.unlock() }
        return sinkDispatcher
    }

    /// A reload: a new baseline (and store run), new sinks. Called on the drift thread.
    func reload(reference: BaselineReference, runID: String?, sinks: SinkDispatcher) {
        self.reference = reference
        self.runID = runID
        labels = Self.labels(reference)
        lock.lock()
        sinkDispatcher = sinks
        lock.unlock()
    }

    func observe(_ o: Observation) {
        guard let interaction = o.interaction else { return }
        let slice = InteractionSampler.slice(of: o.assignment, reference: reference)
        sampler.add(interaction, slice: slice)
        exporter?.observe(interaction, slice: slice)
    }

    func report(_ report: WindowReport, monitor: DriftMonitor, embeddingFailures: Int) {
        live.update(report: report, monitor: monitor, embeddingFailures: embeddingFailures)
        self.report.update(report, monitor: monitor)
        let sample = sampler.take()
        if let store, let runID {
            do {
                try store.record(report, reference: monitor.reference, run: runID, sampled: sample)
            } catch {
                logger.error("store: \(error)")  // logged; the sidecar goes on
            }
        }
        var exportPath: String?
        do { exportPath = try exporter?.close(report, monitor: monitor, labels: labels) } catch {
            logger.error("export: \(error)")
        }
        if let exportPath { logger.info("export: \(exportPath)") }
        let dispatcher = sinks
        for event in report.events {
            dispatcher.offer(event, labels: labels, exportPath: event.state == .firing ? exportPath : nil)
        }
    }
}
