// AlertExporter: automatic export on alert (`export.on_alert`) — keeps a stratified sample of each window's
// interactions, and when an alert fires in a window, writes that window's inputs worth adding to the eval set
// (chosen, redacted and de-duplicated as `slicewatch export` does) to a file whose path the alert events carry.
// Lives on the drift thread.

import Config
import Drift
import Exchange
import Export
import Quality
import Redaction
import Store

/// Writes a drifted window's selection to the export folder.
struct AlertExporter {
    private var sampler: InteractionSampler
    private let selector: ExportSelector
    private let format: ExportFormat
    private let directory: ExportDirectory
    private let checker: QualityChecker

    /// Nil when `export.on_alert` is off.
    init?(section: ExportSection, quality: QualitySettings) throws {
        guard section.onAlert else { return nil }
        guard let format = ExportFormat(rawValue: section.format) else { throw DaemonError("export.format: \(section.format) is unknown") }
        var settings = ExportSettings()
        settings.perSlice = section.perSlice
        settings.maximum = section.perWindow
        sampler = InteractionSampler(limit: section.perWindow, seed: 0xe4_0047)
        selector = ExportSelector(settings: settings, redactor: try Redactor())
        self.format = format
        directory = ExportDirectory(path: section.directory, keep: section.keep)
        checker = QualityChecker(settings: quality)
    }

    mutating func observe(_ interaction: Interaction, slice: String?) { sampler.add(interaction, slice: slice) }

    /// Closes the window: when one of its events fires, writes the export and returns its path.
    /// - Throws: `ExportError` when the file cannot be written.
    mutating func close(_ report: WindowReport, monitor: DriftMonitor, labels: [String: String]) throws -> String? {
        let sample = sampler.take()
        guard let firing = report.events.first(where: { $0.state == .firing }) else { return nil }
        let reference = monitor.reference
        let coverage = SliceCoverage(
            slices: reference.sliceIDs.indices.map { i in
                SliceCoverage.Slice(
                    id: reference.sliceIDs[i], label: reference.sliceLabels[i], evalItems: reference.evalItems[i],
                    baselineShare: Double(reference.sliceCounts[i]) / Double(max(1, reference.sliceTotal)),
                    liveCount: monitor.cumulative.sliceCounts[i])
            },
            drifted: Set(report.events.filter { $0.state != .resolved }.compactMap { $0.finding.result.slice }))
        let candidates = sample.map {
            ExportCandidate(
                $0.interaction, slice: $0.slice, failedChecks: checker.check($0.interaction).checks.map(\.rawValue), window: report.index)
        }
        let selection = selector.select(candidates, coverage: coverage, existing: [])
        let text = selection.items.map { format.line($0, labels: labels) + "\n" }.joined()
        return try directory.write(text, key: firing.key, window: report.index, time: report.profile.lastTime)
    }
}
