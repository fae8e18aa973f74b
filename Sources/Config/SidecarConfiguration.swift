// SidecarConfiguration: everything `slicewatch run` is configured with, typed and validated, ready to use — plus
// where each value came from (file, environment, flag or default) for `describe()` and `config check`.

import Drift
import Sinks

/// The resolved configuration of the sidecar. Build it with `resolve(yaml:...)` or `load(path:...)`.
///
/// Two configurations are equal when they configure the same thing; where their values came from (`origins`) is
/// not compared.
public struct SidecarConfiguration: Sendable, Hashable {
    /// `capture.*`: the live capture.
    public var capture: CaptureSection
    /// `apis.*`: routes and generic APIs.
    public var apis: APISection
    /// `baseline.*`: the baseline file and calibration traffic.
    public var baseline: BaselineSection
    /// `embedding.*`: the encoder or endpoint and the sampling rate.
    public var embedding: EmbeddingSection
    /// Detection settings; `embeddingRate` follows `embedding.rate`.
    public var drift: DriftSettings
    /// `quality.*`: answer checks, grading sample and graders (`quality.tests` also sets `drift.qualityTests`).
    public var quality = QualitySection()
    /// `admin.*`: the admin server.
    public var admin: AdminSection
    /// `store.*`: the SQLite history (maps one to one onto Store's StoreSettings).
    public var store: StoreSection
    /// Alert sinks, in order.
    public var sinks: [SinkSettings]
    /// `export.*`: automatic export of a drifted window's inputs when an alert fires.
    public var export = ExportSection()
    /// `log.*`: the sidecar's own log.
    public var log: LogSection
    /// Where each key's value came from, by key name (`capture.interface`).
    public internal(set) var origins: [String: ConfigOrigin] = [:]

    /// Every field empty or zero; resolution sets each key (its value or its default) on top.
    init() {
        capture = CaptureSection(interface: "", filter: "", snaplen: 0, bufferBytes: 0, maxBodyBytes: 0, idleTimeout: 0)
        apis = APISection(routes: [], generic: [])
        baseline = BaselineSection(path: "", calibrate: nil)
        embedding = EmbeddingSection(rate: 0, modelDirectory: "", url: nil, model: nil, batch: 0, timeout: 0)
        drift = DriftSettings()
        admin = AdminSection(listen: ListenAddress(host: "", port: 0), token: nil, tokenFile: nil)
        store = StoreSection(path: "", retention: 0, alertRetention: 0, maxWindows: 0, maxInteractions: 0, interactionsPerWindow: 0)
        sinks = []
        log = LogSection(level: .info, format: .text)
    }

    /// Equal when every section is; origins are not compared.
    public static func == (a: SidecarConfiguration, b: SidecarConfiguration) -> Bool {
        a.capture == b.capture && a.apis == b.apis && a.baseline == b.baseline && a.embedding == b.embedding
            && a.drift == b.drift && a.quality == b.quality && a.admin == b.admin && a.store == b.store && a.sinks == b.sinks
            && a.export == b.export && a.log == b.log
    }

    /// Hashes the sections (not the origins), consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(capture)
        hasher.combine(apis)
        hasher.combine(baseline)
        hasher.combine(embedding)
        hasher.combine(drift)
        hasher.combine(quality)
        hasher.combine(export)
        hasher.combine(admin)
        hasher.combine(store)
        hasher.combine(sinks)
        hasher.combine(log)
    }
}
