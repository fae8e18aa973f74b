// LiveReport: the admin server's report page at `/` — the same HTML as `slicewatch report`, drawn from the
// windows the running sidecar has closed, refreshing itself. Updated on the drift thread, read by the server.

import Baseline
import Drift
import Foundation
import Report

final class LiveReport: @unchecked Sendable {
    private let lock = NSLock()
    private var recorder: ReportRecorder
    private var monitor: DriftMonitor?
    private var source: String
    private let windowSize: String

    init(reference: BaselineReference, document: BaselineDocument, baselinePath: String, windowSize: String) {
        recorder = ReportRecorder(reference: reference, document: document)
        source = "live traffic against \(baselinePath)"
        self.windowSize = windowSize
    }

    /// A window closed.
    func update(_ report: WindowReport, monitor: DriftMonitor) {
        lock.lock()
        defer { lock.unlock() }
        recorder.add(report)
        self.monitor = monitor
    }

    /// A reload with a new baseline: the page starts again.
    func replace(reference: BaselineReference, document: BaselineDocument, baselinePath: String) {
        lock.lock()
        defer { lock.unlock() }
        recorder = ReportRecorder(reference: reference, document: document)
        monitor = nil
        source = "live traffic against \(baselinePath)"
    }

    /// The page now.
    func html() -> String {
        lock.lock()
        let recorder = self.recorder
        let monitor = self.monitor ?? DriftMonitor(reference: recorder.reference, settings: DriftSettings())
        let source = self.source
        lock.unlock()
        return ReportHTML.render(recorder.model(monitor: monitor, source: source, windowSize: windowSize, live: true, refreshSeconds: 30))
    }
}
