// StoredRecords: the values the store hands back — runs, windows, findings, alert events and sampled
// interactions as they were recorded, each with its JSON line so the admin API and exports can serve it as is.

import Drift
import Exchange

/// One run of the sidecar: a process lifetime against one baseline. Window numbers restart at 0 in every run,
/// so a window is identified by its run and its index.
public struct StoreRun: Sendable, Hashable {
    /// Unique id chosen at `startRun`.
    public var id: String
    /// Wall-clock start, ns since the epoch.
    public var startedAt: Int64
    /// The baseline's name or path, and its content hash, when known.
    public var baseline: String?
    public var baselineHash: String?
    /// A summary of the settings in force, as JSON text (`{}` when none was given).
    public var settings: String
}

/// A window as recorded.
public struct StoredWindow: Sendable, Hashable {
    /// Store-wide sequence number (increases with every window recorded, across runs).
    public var id: Int64
    public var runID: String
    /// The window's 0-based index within its run, and the interactions seen in that run before it.
    public var index: Int
    public var firstInteraction: Int
    /// Packet time of its first and last observation, ns since the epoch (nil for an empty window).
    public var start: Int64?
    public var end: Int64?
    public var interactions: Int
    public var embedded: Int
    public var novel: Int
    public var errors: Int
    /// Cut short by the end of the input (or by a shutdown).
    public var partial: Bool
    /// Per-test significance level, CUSUM threshold and false-alarm budget in force for this window.
    public var alpha: Double
    public var cusumThreshold: Double
    public var windowsBetweenFalseAlarms: Double
    /// Embedded interactions per baseline slice id, and under "novel".
    public var sliceCounts: [String: Int]
    /// The `window` JSON line (`WindowReport.writeJSON(into:reference:)`).
    public var json: String
    /// Wall clock at write time, ns since the epoch.
    public var recordedAt: Int64
}

/// A finding as recorded.
public struct StoredFinding: Sendable, Hashable {
    /// Store-wide sequence number.
    public var id: Int64
    public var runID: String
    /// The window it was found in, and that window's end (packet time, ns since the epoch).
    public var window: Int
    public var time: Int64?
    public var finding: Finding
    /// The finding as one JSON object (the fields of an alert line, without the alert's state).
    public var json: String

    /// The test key, e.g. "novelty", "slice_share/s3".
    public var key: String { finding.result.key }
}

/// An alert state change as recorded: the alert history.
public struct StoredAlertEvent: Sendable, Hashable {
    /// Store-wide sequence number (history order).
    public var id: Int64
    public var runID: String
    public var state: AlertEvent.State
    /// The test key, e.g. "novelty", "slice_share/s3".
    public var key: String
    /// The window of the change (within `runID`), the interactions seen up to its end, and its end time.
    public var window: Int
    public var interactionIndex: Int
    public var time: Int64?
    /// The window at which the alert started pending.
    public var since: Int
    /// The evidence.
    public var finding: Finding
    /// The `alert` JSON line (`AlertEvent.writeJSON(into:labels:)`).
    public var json: String
    /// Wall clock at write time, ns since the epoch.
    public var recordedAt: Int64
}

/// An interaction chosen for the store, with where the monitor put it.
public struct SampledInteraction: Sendable, Hashable {
    public var interaction: Interaction
    /// The baseline slice id, "novel", or nil when it was not embedded.
    public var slice: String?

    public init(interaction: Interaction, slice: String?) {
        self.interaction = interaction
        self.slice = slice
    }

    /// An HTTP status of 400 or more, an API error, or no response.
    public var failed: Bool {
        (interaction.status ?? 0) >= 400 || interaction.error != nil
            || !interaction.flags.isDisjoint(with: [.apiError, .noResponse])
    }
}

/// A sampled interaction as recorded (secrets already removed).
public struct StoredInteraction: Sendable, Hashable {
    /// Store-wide sequence number.
    public var id: Int64
    public var runID: String
    /// The window it was sampled from.
    public var window: Int
    /// Request start, packet time, ns since the epoch.
    public var time: Int64?
    /// The baseline slice id, "novel", or nil when it was not embedded.
    public var slice: String?
    public var failed: Bool
    public var interaction: Interaction
    /// The interaction JSON line (`Interaction.writeJSON(into:)`), as `slicewatch interactions` writes it.
    public var json: String
    /// Wall clock at write time, ns since the epoch.
    public var recordedAt: Int64
}

/// Rows removed by one pruning.
public struct PruneCounts: Sendable, Hashable {
    public var windows = 0
    /// Findings go with their windows.
    public var findings = 0
    public var alertEvents = 0
    public var interactions = 0

    public init() {}

    public var total: Int { windows + findings + alertEvents + interactions }
}

extension StoredAlertEvent {
    /// The alert to put back into an AlertManager after a restart (meaningful for the events of `firingAlerts()`).
    public var firingAlert: AlertManager.FiringAlert { AlertManager.FiringAlert(key: key, since: since, finding: finding) }

    /// The event as the monitor emitted it.
    public var event: AlertEvent {
        AlertEvent(state: state, key: key, window: window, interactionIndex: interactionIndex, time: time, since: since, finding: finding)
    }
}
