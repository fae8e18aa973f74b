// SidecarDaemon: `slicewatch run` put together — baseline and embedder, SQLite store, alert sinks, live capture,
// drift stage and admin server, started in that order; privileges dropped once the capture handle is open;
// run under service-lifecycle (SIGTERM/SIGINT drain and persist the open window; SIGHUP reloads the
// configuration and baseline without losing alert state).

import AdminServer
import Baseline
import Capture
import Config
import Drift
import Exchange
import Foundation
import Graders
import Logging
import ServiceLifecycle
import Sidecar
import Sinks
import Store

/// The long-running sidecar.
public final class SidecarDaemon: @unchecked Sendable {
    private var configuration: SidecarConfiguration
    private let loadConfiguration: @Sendable () throws -> SidecarConfiguration
    private let environment: [String: String]
    private let version: String
    private let logger: Logger
    private let user: String?

    /// `loadConfiguration` re-reads the configuration on SIGHUP; `user` is who to become after opening the
    /// capture (nil: stay, only capabilities are cleared).
    public init(
        configuration: SidecarConfiguration, loadConfiguration: @escaping @Sendable () throws -> SidecarConfiguration,
        environment: [String: String], user: String?, version: String, logger: Logger
    ) {
        self.configuration = configuration
        self.loadConfiguration = loadConfiguration
        self.environment = environment
        self.user = user
        self.version = version
        self.logger = logger
    }

    /// Starts everything and runs until SIGTERM/SIGINT (or the capture ends); throws a DaemonError when
    /// something cannot start.
    public func run() async throws {
        MemoryTuning.applyForSidecar()
        let config = configuration
        let setup = try DriftSetup(configuration: config, environment: environment)
        logger.info("baseline \(setup.path): \(setup.reference.sliceIDs.count) slices, embedder \(setup.embedder.identifier)")

        // Store: open, start a run, read back which alerts were firing.
        let (store, runID, firing, history) = try openStore(config.store, setup: setup)

        let sinks: SinkDispatcher
        do { sinks = try SinkDispatcher(settings: config.sinks) } catch { throw DaemonError("sinks: \(error)") }

        var options = CaptureRunOptions()
        options.source.filter = config.capture.filter.isEmpty ? nil : config.capture.filter
        options.source.live.snaplen = Int32(clamping: config.capture.snaplen)
        options.source.live.bufferSize = Int32(clamping: config.capture.bufferBytes)
        // Packets in kernel blocks of up to the read timeout (100 ms) instead of one wake-up per packet: a tenth
        // of the sidecar's CPU at 1,000 interactions/s went to poll(2) in immediate mode; windows do not need
        // millisecond latency.
        options.source.live.immediateMode = false
        options.http.maxBodyBytes = config.capture.maxBodyBytes
        options.reassembly.idleTimeout = .milliseconds(Int(config.capture.idleTimeout * 1000))
        let runner: CaptureRunner
        do {
            runner = try CaptureRunner(.interface(config.capture.interface), options: options)
        } catch {
            throw DaemonError("capture.interface \(config.capture.interface): \(error)")
        }

        let owned = config.store.path.isEmpty ? [] : ["", "-wal", "-shm"].map { config.store.path + $0 }
        do {
            let privileges = try Privileges.drop(switchingTo: user, ownedPaths: owned)
            logger.info("capturing on \(config.capture.interface) (filter \"\(config.capture.filter)\"); privileges dropped: \(privileges)")
        } catch {
            throw DaemonError("\(error)")
        }

        let live = LiveState(reference: setup.reference, baselinePath: setup.path, settings: setup.settings, version: version)
        live.restore(firing: firing.map(\.event), history: history.reversed().map(\.event))
        live.setCaptureSource { runner.snapshot() }

        let session = DriftSession(
            reference: setup.reference, settings: setup.settings, format: config.log.format == .json ? .json : .text,
            observer: setup.makeObserver(),
            write: { text in FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8)) })
        session.restoreAlerts(firing.map { AlertManager.FiringAlert(key: $0.key, since: 0, finding: $0.finding) })
        if let calibrate = config.baseline.calibrate { try Self.calibrate(session, setup: setup, path: calibrate, logger: logger) }
        let graders = config.quality.graders
        let pool = graders.isEmpty ? nil : GraderPool(graders: graders, passThreshold: setup.quality.passThreshold)
        if let pool {
            do { try GraderPool.validate(graders) } catch { throw DaemonError("quality: \(error)") }
            session.useGraders(pool, settings: setup.quality, waitForGrades: false)
            logger.info("graders: \(graders.map(\.name).joined(separator: ", ")); \(setup.quality.samplePercent)% of embedded interactions, at least \(setup.quality.minimumPerSlice) a slice per window")
        }
        let report = LiveReport(
            reference: setup.reference, document: setup.document, baselinePath: setup.path, windowSize: setup.settings.window.description)
        let handler = WindowHandler(
            live: live, report: report, store: store, runID: runID, reference: setup.reference, sinks: sinks,
            samplePerWindow: config.store.interactionsPerWindow, exporter: try AlertExporter(section: config.export, quality: setup.quality),
            logger: logger)
        session.onObservation = { handler.observe($0) }
        session.onReport = { [unowned session] report, monitor in
            handler.report(report, monitor: monitor, embeddingFailures: session.observer.embeddingFailures)
        }
        let stage = DriftStage(session: session)
        live.addQueue("drift") { (stage.queueDepth, DriftStage.defaultQueuedBatches) }
        live.addMetrics { m in Self.writeSinkMetrics(handler.sinks.snapshot(), into: &m) }
        if let pool { live.addMetrics { m in Self.writeGraderMetrics(pool, into: &m) } }

        let logger = self.logger
        let capture = CaptureService(
            runner: runner, stage: stage, registry: AdapterRegistry.standard(routes: config.apis.routes, generic: config.apis.generic), logger: logger,
            stopping: { live.setReady(false, reason: "shutting down") },
            finished: {
                pool?.shutdown()
                if !handler.sinks.drain(timeout: 10) { logger.warning("sinks: deliveries still queued at exit") }
                if let store { try? store.close() }
            })
        let admin = AdminServer(
            settings: AdminServerSettings(
                host: config.admin.listen.host, port: config.admin.listen.port, token: try adminToken(config.admin)),
            routes: AdminRoutes(live: live, store: store, report: report).routes, logger: logger,
            onListening: { port in logger.info("admin server on \(config.admin.listen.host):\(port)") })
        let reload = ReloadService(logger: logger) { [self] in
            try self.reload(stage: stage, handler: handler, live: live, store: store)
        }
        live.setReady(true)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: capture), .init(service: admin),
                    .init(service: reload, successTerminationBehavior: .ignore),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// The store (nil when `store.path` is empty), this run's id, and the alerts firing and recent history
    /// recorded before this start.
    private func openStore(_ section: StoreSection, setup: DriftSetup) throws
        -> (SliceWatchStore?, String?, [StoredAlertEvent], [StoredAlertEvent])
    {
        guard !section.path.isEmpty else { return (nil, nil, [], []) }
        do {
            let store = try SliceWatchStore(settings: Self.storeSettings(section))
            let runID = try store.startRun(baseline: setup.path, baselineHash: setup.document.provenance.evalSetSHA256)
            let firing = try store.firingAlerts()
            let history = try store.alertHistory(limit: LiveState.recentKept)
            logger.info("store \(section.path): run \(runID), \(firing.count) alerts firing before this start")
            return (store, runID, firing, history)
        } catch {
            throw DaemonError("store.path \(section.path): \(error)")
        }
    }

    /// SIGHUP: re-reads the configuration and baseline and swaps them in between two batches. On any error the
    /// running configuration stays.
    private func reload(stage: DriftStage, handler: WindowHandler, live: LiveState, store: SliceWatchStore?) throws {
        let next = try loadConfiguration()
        let setup = try DriftSetup(configuration: next, environment: environment)
        let sinks = try SinkDispatcher(settings: next.sinks)
        let runID = try store?.startRun(baseline: setup.path, baselineHash: setup.document.provenance.evalSetSHA256)
        let old = handler.sinks
        nonisolated(unsafe) let observer = setup.makeObserver()
        let logger = self.logger
        let calibrate = next.baseline.calibrate
        stage.reconfigure { session in
            session.reload(reference: setup.reference, settings: setup.settings, observer: observer)
            if let calibrate {
                do { try Self.calibrate(session, setup: setup, path: calibrate, logger: logger) } catch {
                    logger.error("\(error)")
                }
            }
            handler.reload(reference: setup.reference, runID: runID, sinks: sinks)
            handler.report.replace(reference: setup.reference, document: setup.document, baselinePath: setup.path)
        }
        live.replaceBaseline(setup.reference, path: setup.path, settings: setup.settings)
        Thread.detachNewThread { _ = old.shutdown(timeout: 10) }
        var restartOnly: [String] = []
        if next.capture != configuration.capture { restartOnly.append("capture") }
        if next.admin != configuration.admin { restartOnly.append("admin") }
        if next.store != configuration.store { restartOnly.append("store") }
        if next.log != configuration.log { restartOnly.append("log") }
        if next.quality.graders != configuration.quality.graders { restartOnly.append("graders") }
        configuration = next
        let note = restartOnly.isEmpty ? "" : "; changes to \(restartOnly.joined(separator: ", ")) take effect on restart"
        logger.info("reloaded: baseline \(setup.path) (\(setup.reference.sliceIDs.count) slices), \(next.sinks.count) sinks\(note)")
    }

    /// `baseline.calibrate`: normal traffic replayed in this session's windows to fit each test's thresholds.
    static func calibrate(_ session: DriftSession, setup: DriftSetup, path: String, logger: Logger) throws {
        let interactions: [Interaction]
        do {
            interactions = try InteractionFile.read(path) { logger.warning("baseline.calibrate \(path): \($0)") }
        } catch {
            throw DaemonError("baseline.calibrate \(path): \(error)")
        }
        let calibration = session.calibrate(with: interactions, observer: setup.makeObserver())
        let adjusted = calibration.adjustments.count
        let note = calibration.windows < Calibration.minimumWindows ? " (too few windows: nothing applied)" : ""
        logger.info(
            "calibrated on \(path): \(interactions.count) interactions in \(calibration.windows) windows, \(adjusted) tests adjusted\(note)")
    }

    private func adminToken(_ admin: AdminSection) throws -> String? {
        if let token = admin.token { return token }
        guard let file = admin.tokenFile else { return nil }
        guard let data = FileManager.default.contents(atPath: file) else { throw DaemonError("admin.token_file \(file): cannot be read") }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw DaemonError("admin.token_file \(file) is empty") }
        return token
    }

    static func storeSettings(_ s: StoreSection) -> StoreSettings {
        var settings = StoreSettings(path: s.path)
        settings.retention = s.retention
        settings.alertRetention = s.alertRetention
        settings.maxWindows = s.maxWindows
        settings.maxInteractions = s.maxInteractions
        settings.interactionsPerWindow = s.interactionsPerWindow
        return settings
    }

    static func writeSinkMetrics(_ statuses: [SinkStatus], into m: inout PrometheusText) {
        m.family("slicewatch_sink_deliveries_total", .counter, "Alert notices per sink, by outcome.")
        m.family("slicewatch_sink_queue_depth", .gauge, "Notices waiting in a sink's queue.")
        for s in statuses {
            let sink = "\(s.index):\(s.kind)"
            let c = s.counters
            for (outcome, value) in [
                ("offered", c.offered), ("delivered", c.delivered), ("failed_attempts", c.failedAttempts),
                ("timeouts", c.timeouts), ("retries", c.retries), ("dropped_queue_full", c.droppedQueueFull),
                ("gave_up", c.gaveUp), ("coalesced", c.coalesced),
            ] {
                m.sample("slicewatch_sink_deliveries_total", ["sink": sink, "outcome": outcome], Double(value))
            }
            m.sample("slicewatch_sink_queue_depth", ["sink": sink], Double(s.queued))
        }
    }

    /// The graders' counters: gradings, failures, over-budget skips per grader; picks queued and dropped.
    static func writeGraderMetrics(_ pool: GraderPool, into m: inout PrometheusText) {
        let status = pool.status
        m.family("slicewatch_grader_gradings_total", .counter, "Interactions a grader scored.")
        m.family("slicewatch_grader_failures_total", .counter, "Gradings that failed (exit status, timeout, bad answer, HTTP error).")
        m.family("slicewatch_grader_over_budget_total", .counter, "Picks a grader skipped because its hourly budget was spent.")
        for g in status.graders {
            m.sample("slicewatch_grader_gradings_total", ["grader": g.name, "version": g.version ?? ""], Double(g.graded))
            m.sample("slicewatch_grader_failures_total", ["grader": g.name], Double(g.failures))
            m.sample("slicewatch_grader_over_budget_total", ["grader": g.name], Double(g.overBudget))
        }
        m.metric("slicewatch_grader_pending", .gauge, "Picked interactions queued or being graded.", Double(status.pending))
        m.metric("slicewatch_grader_dropped_total", .counter, "Picks dropped because the grading queue was full.", Double(status.dropped))
    }
}
