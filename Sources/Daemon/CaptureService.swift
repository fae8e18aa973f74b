// CaptureService: live capture as a service-lifecycle Service — the CaptureRunner on its own threads feeding
// the drift stage, a once-a-second clock tick so windows close when traffic pauses, and on graceful shutdown
// (SIGTERM) a drain: capture stops, everything captured is turned into interactions, the open window is
// evaluated and stored, queued alerts are delivered (up to a deadline).

import Exchange
import Foundation
import Logging
import ServiceLifecycle
import Sidecar

/// Runs the capture until it ends or the service group shuts down.
struct CaptureService: Service {
    let runner: CaptureRunner
    let stage: DriftStage
    let registry: AdapterRegistry
    let logger: Logger
    /// Called when shutdown begins (readiness goes down), and once the capture has drained and the last window
    /// was handed over (flush sinks, close the store).
    let stopping: @Sendable () -> Void
    let finished: @Sendable () -> Void

    func run() async throws {
        let (ended, endedContinuation) = AsyncStream<CaptureSummary>.makeStream()
        let runner = self.runner
        let stage = self.stage
        nonisolated(unsafe) var registry = self.registry  // used by the capture thread only
        let started = Date()
        let thread = Thread {
            let summary = runner.run { exchange in
                if let interaction = registry.interaction(for: exchange) { stage.submit(interaction) }
            }
            stage.finish(source: runner.source.target.description, seconds: { Date().timeIntervalSince(started) })
            endedContinuation.yield(summary)
            endedContinuation.finish()
        }
        thread.name = "slicewatch-http"
        thread.start()

        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                stage.tick(now: Int64(Date().timeIntervalSince1970 * 1e9))
            }
        }
        defer { ticker.cancel() }

        var summary: CaptureSummary?
        await withGracefulShutdownHandler {
            for await s in ended { summary = s }
        } onGracefulShutdown: { [stopping] in
            stopping()
            runner.stop()
        }
        ticker.cancel()
        finished()
        guard let summary else { return }
        logger.info("capture ended: \(summary.exchanges) exchanges, \(summary.capture.packets) packets, \(summary.capture.kernelDropped) kernel drops")
        if let error = summary.endError {
            throw DaemonError("capture on \(runner.source.target) ended: \(error)")
        }
    }
}
