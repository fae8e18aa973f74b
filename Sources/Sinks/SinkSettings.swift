// SinkSettings: what each alert sink is configured with (filled in by the Config target from YAML, flags and
// environment; the sinks themselves read nothing else). Defaults are the documented ones.

import Drift

/// One configured sink: where alert events go and which state changes it receives.
public struct SinkSettings: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// JSON lines to a file, or to standard output when `path` is nil.
        case jsonLines(path: String?)
        case webhook(WebhookSettings)
        case alertmanager(AlertmanagerSettings)
        case exec(ExecSettings)
    }

    public var kind: Kind
    /// State changes delivered; pending alerts are not worth waking anyone for by default.
    public var states: Set<AlertEvent.State> = [.firing, .resolved]
    /// Events waiting for delivery at most; beyond it new events are dropped and counted, never blocking capture.
    public var queueCapacity = 256

    public init(kind: Kind, states: Set<AlertEvent.State> = [.firing, .resolved], queueCapacity: Int = 256) {
        self.kind = kind
        self.states = states
        self.queueCapacity = queueCapacity
    }
}

/// Timeout and retry policy of a network sink: attempt, then wait `backoff`, 2×`backoff`, ... (capped at
/// `maxBackoff`) between at most `retries` further attempts.
public struct DeliverySettings: Sendable, Hashable {
    public var timeout = 5.0
    public var retries = 3
    public var backoff = 1.0
    public var maxBackoff = 60.0

    public init(timeout: Double = 5.0, retries: Int = 3, backoff: Double = 1.0, maxBackoff: Double = 60.0) {
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.maxBackoff = maxBackoff
    }
}

/// POST of the alert event JSON to `url`; with a `secret`, an HMAC-SHA256 signature header over the body.
public struct WebhookSettings: Sendable, Hashable {
    public var url: String
    public var secret: String?
    /// Extra request headers (e.g. an authorization header of the receiver).
    public var headers: [String: String] = [:]
    public var delivery = DeliverySettings()

    public init(url: String, secret: String? = nil, headers: [String: String] = [:], delivery: DeliverySettings = .init()) {
        self.url = url
        self.secret = secret
        self.headers = headers
        self.delivery = delivery
    }
}

/// Prometheus Alertmanager: alerts POSTed to `url` + /api/v2/alerts, resolved (endsAt) on recovery. Alerts still
/// firing are re-sent every `resendInterval` seconds, as Prometheus does, so Alertmanager's `resolve_timeout`
/// does not resolve a drift that lasts for hours.
public struct AlertmanagerSettings: Sendable, Hashable {
    /// Base URL, e.g. http://alertmanager:9093.
    public var url: String
    /// Labels added to every alert (e.g. service, team); they cannot replace the alert's own labels.
    public var labels: [String: String] = [:]
    public var delivery = DeliverySettings()
    /// Seconds between re-sends of the alerts still firing; each is sent with endsAt = now + 4 × this interval.
    /// 0 turns re-sends off: firing alerts are sent once without endsAt, and Alertmanager's `resolve_timeout`
    /// (5 minutes by default) resolves them unless the drift resolves first.
    public var resendInterval = 60.0
    /// Sent as each alert's `generatorURL` (e.g. the sidecar's admin page), when set.
    public var generatorURL: String?

    public init(
        url: String, labels: [String: String] = [:], delivery: DeliverySettings = .init(), resendInterval: Double = 60.0,
        generatorURL: String? = nil
    ) {
        self.url = url
        self.labels = labels
        self.delivery = delivery
        self.resendInterval = resendInterval
        self.generatorURL = generatorURL
    }
}

/// The re-evaluation trigger: runs `command` (argv, no shell) with the alert JSON on stdin and in environment
/// variables; at most one run at a time and at most one start per `minInterval` seconds.
public struct ExecSettings: Sendable, Hashable {
    public var command: [String]
    public var timeout = 600.0
    public var minInterval = 600.0

    public init(command: [String], timeout: Double = 600.0, minInterval: Double = 600.0) {
        self.command = command
        self.timeout = timeout
        self.minInterval = minInterval
    }
}
