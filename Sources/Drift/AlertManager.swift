// AlertManager: the alert state machine — one alert per test key (e.g. "slice_share/s3"), pending until its
// finding holds for `firingAfter` windows, firing (de-duplicated: one event, not one per window) until the test
// is clearly quiet for `resolvingAfter` windows (hysteresis), then resolved, with a cooldown before it can fire
// again.

/// An alert's state change.
public struct AlertEvent: Sendable, Hashable {
    public enum State: String, Sendable, Hashable { case pending, firing, resolved }
    public var state: State
    /// The test key (e.g. "novelty", "slice_share/s3").
    public var key: String
    /// The window in which the change happened (0-based) and the interactions seen up to its end.
    public var window: Int
    public var interactionIndex: Int
    /// Packet time of the window's end, ns since the epoch.
    public var time: Int64?
    /// The window at which the alert started pending.
    public var since: Int
    /// The evidence: the finding that raised or kept it (for resolved, the last finding).
    public var finding: Finding

    public init(
        state: State, key: String, window: Int, interactionIndex: Int, time: Int64?, since: Int, finding: Finding
    ) {
        self.state = state
        self.key = key
        self.window = window
        self.interactionIndex = interactionIndex
        self.time = time
        self.since = since
        self.finding = finding
    }
}

/// Tracks every alert's state across windows.
public struct AlertManager: Sendable {
    enum Phase: Sendable, Hashable {
        case pending(since: Int, windows: Int)
        case firing(since: Int, clearWindows: Int)
    }

    struct Alert: Sendable, Hashable {
        var phase: Phase
        var last: Finding
    }

    public let firingAfter: Int
    public let resolvingAfter: Int
    public let cooldown: Int
    private var alerts: [String: Alert] = [:]
    private var cooldownUntil: [String: Int] = [:]

    public init(firingAfter: Int, resolvingAfter: Int, cooldown: Int) {
        self.firingAfter = max(1, firingAfter)
        self.resolvingAfter = max(1, resolvingAfter)
        self.cooldown = max(0, cooldown)
    }

    /// Keys of alerts firing now.
    public var firing: [String] {
        alerts.filter { if case .firing = $0.value.phase { true } else { false } }.keys.sorted()
    }

    /// The last finding of every alert firing now.
    public var firingFindings: [Finding] {
        firing.compactMap { alerts[$0]?.last }
    }

    /// Advances every alert by one window. `findings` are this window's findings by key; `clear` holds the keys
    /// whose test ran and was clearly quiet (hysteresis: a test neither finding nor clear holds its state).
    public mutating func update(
        window: Int, interactionIndex: Int, time: Int64?, findings: [String: Finding], clear: Set<String>
    ) -> [AlertEvent] {
        var events: [AlertEvent] = []
        func event(_ state: AlertEvent.State, _ key: String, since: Int, _ finding: Finding) {
            events.append(AlertEvent(
                state: state, key: key, window: window, interactionIndex: interactionIndex, time: time, since: since,
                finding: finding))
        }
        for key in Set(alerts.keys).union(findings.keys).sorted() {
            let finding = findings[key]
            switch alerts[key]?.phase {
            case nil:
                guard let finding else { continue }
                alerts[key] = Alert(phase: .pending(since: window, windows: 1), last: finding)
                event(.pending, key, since: window, finding)
                promote(key, window: window, event: event)
            case .pending(let since, let windows):
                if let finding {
                    alerts[key] = Alert(phase: .pending(since: since, windows: windows + 1), last: finding)
                    promote(key, window: window, event: event)
                } else if clear.contains(key) {
                    alerts[key] = nil  // never fired: dropped quietly
                }
            case .firing(let since, let clearWindows):
                if let finding {
                    alerts[key] = Alert(phase: .firing(since: since, clearWindows: 0), last: finding)
                } else if clear.contains(key) {
                    if clearWindows + 1 >= resolvingAfter {
                        event(.resolved, key, since: since, alerts[key]!.last)
                        alerts[key] = nil
                        cooldownUntil[key] = window + cooldown
                    } else {
                        alerts[key]!.phase = .firing(since: since, clearWindows: clearWindows + 1)
                    }
                }
            }
        }
        return events
    }

    /// Pending long enough and out of cooldown: fire.
    private mutating func promote(_ key: String, window: Int, event: (AlertEvent.State, String, Int, Finding) -> Void) {
        guard let alert = alerts[key], case .pending(let since, let windows) = alert.phase, windows >= firingAfter,
            window > (cooldownUntil[key] ?? -1)
        else { return }
        alerts[key]!.phase = .firing(since: since, clearWindows: 0)
        event(.firing, key, since, alert.last)
    }
}

// Restore after a restart: the Store target reads which alerts were firing from the alert history, and the
// sidecar puts them back here so it neither fires them again nor forgets to resolve them.
extension AlertManager {
    /// An alert that was firing when the sidecar stopped.
    public struct FiringAlert: Sendable, Hashable {
        public var key: String
        /// The window at which it started pending, as recorded (window numbers restart with every run).
        public var since: Int
        /// Its latest evidence.
        public var finding: Finding

        public init(key: String, since: Int, finding: Finding) {
            self.key = key
            self.since = since
            self.finding = finding
        }
    }

    /// Puts `firing` alerts back in the firing state (no clear windows counted yet), replacing whatever state those
    /// keys had, cooldown included. Emits no event: the firing event is already in the history.
    public mutating func restore(firing: [FiringAlert]) {
        for a in firing {
            alerts[a.key] = Alert(phase: .firing(since: a.since, clearWindows: 0), last: a.finding)
            cooldownUntil[a.key] = nil
        }
    }
}
