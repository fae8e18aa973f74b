// AlertmanagerSink: Prometheus Alertmanager's v2 API — a firing notice becomes an alert (labels, annotations,
// startsAt), a resolved one the same labels with endsAt so Alertmanager resolves it; alerts still firing are
// re-sent periodically, as Prometheus does, so `resolve_timeout` does not close them.

import Drift
import Foundation
import JSON

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One alert of an Alertmanager `POST /api/v2/alerts` body.
public struct AlertmanagerAlert: Sendable, Hashable {
    /// Identify the alert: the same on firing, re-sends and resolve.
    public var labels: [String: String]
    public var annotations: [String: String]
    public var startsAt: Date
    /// Set on resolve (the recovery time) and on firing (now + 4 × the re-send interval, renewed by re-sends; none
    /// when re-sends are off).
    public var endsAt: Date?
    public var generatorURL: String?

    public init(
        labels: [String: String], annotations: [String: String], startsAt: Date, endsAt: Date?, generatorURL: String?
    ) {
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.generatorURL = generatorURL
    }
}

/// Sends firing and resolved notices to Alertmanager (`<url>/api/v2/alerts`, a JSON array of alerts).
///
/// Labels: `alertname="SliceWatchDrift"`, `key` (e.g. "slice_share/s3"), `test`, `statistic`, and `slice` /
/// `descriptor` when the test concerns one, then the configured labels (which cannot replace those).
/// Annotations: `summary` (the alert line's summary sentence), `description`, `p_value`, `effect`, `trigger`,
/// `window`, and `slice_label` / `export_path` when known. Alertmanager has no pending state: a dispatcher built
/// from settings never hands this sink pending notices (given one anyway, it is sent as firing). Times: startsAt is the window's packet time when the alert fired (now
/// when unknown); a resolve sends endsAt = the window's packet time with the remembered startsAt.
public final class AlertmanagerSink: AlertSink, @unchecked Sendable {
    /// The configuration it was built from.
    public let settings: AlertmanagerSettings
    /// `<url>/api/v2/alerts`.
    public let alertsURL: URL
    private let http: HTTPDelivery
    /// Alerts firing now by key, re-sent by `refresh`; touched only on the worker thread (locked for safety).
    private var firing: [String: AlertmanagerAlert] = [:]
    private let lock = NSLock()

    public var kind: String { "alertmanager" }
    public var target: String { redacted(alertsURL) }
    public var refreshInterval: Double? { settings.resendInterval > 0 ? settings.resendInterval : nil }

    /// Throws when the URL is not an http(s) URL.
    public init(settings: AlertmanagerSettings) throws {
        self.settings = settings
        var base = try httpURL(settings.url, what: "Alertmanager")
        if !base.path.hasSuffix("/api/v2/alerts") {
            base = base.appendingPathComponent("api").appendingPathComponent("v2").appendingPathComponent("alerts")
        }
        alertsURL = base
        http = HTTPDelivery(settings: settings.delivery)
    }

    deinit { http.invalidate() }

    /// endsAt of a firing alert sent now: 4 re-send intervals ahead, or none when re-sends are off (Alertmanager's
    /// resolve_timeout then applies).
    private var firingEndsAt: Date? {
        settings.resendInterval > 0 ? Date(timeIntervalSinceNow: 4 * settings.resendInterval) : nil
    }

    public func deliver(_ notice: AlertNotice, context: DeliveryContext) -> DeliveryOutcome {
        let key = notice.event.key
        let eventTime = notice.event.time.map { Date(timeIntervalSince1970: Double($0) / 1e9) }
        let alert: AlertmanagerAlert
        lock.lock()
        switch notice.event.state {
        case .resolved:
            let endsAt = eventTime ?? Date()
            let startsAt = min(firing[key]?.startsAt ?? endsAt, endsAt)
            alert = Self.alert(for: notice, settings: settings, startsAt: startsAt, endsAt: endsAt)
            firing[key] = nil
        case .firing, .pending:
            alert = Self.alert(for: notice, settings: settings, startsAt: eventTime ?? Date(), endsAt: firingEndsAt)
            firing[key] = alert  // kept even if this send fails: the next re-send repairs it
        }
        lock.unlock()
        return http.post(alertsURL, body: Data(Self.body([alert])), headers: Self.headers, context: context)
    }

    /// Re-sends every alert still firing, with a renewed endsAt, in one request without retries.
    public func refresh(context: DeliveryContext) {
        lock.lock()
        let endsAt = firingEndsAt
        for key in firing.keys { firing[key]?.endsAt = endsAt }
        let alerts = firing.keys.sorted().compactMap { firing[$0] }
        lock.unlock()
        guard !alerts.isEmpty else { return }
        if http.post(alertsURL, body: Data(Self.body(alerts)), headers: Self.headers, context: context, retries: 0)
            == .delivered
        {
            context.refreshed()
        }
    }

    private static let headers = ["Content-Type": "application/json", "User-Agent": "slicewatch"]

    /// The Alertmanager alert for `notice`.
    public static func alert(
        for notice: AlertNotice, settings: AlertmanagerSettings, startsAt: Date, endsAt: Date?
    ) -> AlertmanagerAlert {
        let event = notice.event
        let r = event.finding.result
        var labels = ["alertname": "SliceWatchDrift", "key": event.key, "test": r.test.rawValue, "statistic": r.statistic]
        if let slice = r.slice { labels["slice"] = slice }
        if let descriptor = r.descriptor { labels["descriptor"] = descriptor }
        for (name, value) in settings.labels where labels[name] == nil { labels[name] = value }

        var annotations = [
            "summary": notice.summary,
            "description": description(of: notice),
            "effect": "\(r.effectName) \(format(r.effect)) (floor \(format(r.floor)))",
            "trigger": event.finding.trigger,
            "window": String(event.window),
        ]
        if let p = r.pValue { annotations["p_value"] = formatP(p) }
        if let label = notice.sliceLabel { annotations["slice_label"] = label }
        if let path = notice.exportPath { annotations["export_path"] = path }
        return AlertmanagerAlert(
            labels: labels, annotations: annotations, startsAt: startsAt, endsAt: endsAt,
            generatorURL: settings.generatorURL)
    }

    /// Several sentences for a person: state, when, the summary, what triggered it, a few example inputs.
    static func description(of notice: AlertNotice) -> String {
        let event = notice.event
        let finding = event.finding
        var text = "Drift alert \(event.key) is \(event.state.rawValue) (pending since window \(event.since), "
            + "now window \(event.window), \(event.interactionIndex) interactions seen): \(notice.summary)."
        if finding.trigger == "cusum" {
            text += " Triggered by the accumulated evidence: CUSUM \(format(finding.cusum)) over \(format(finding.cusumThreshold))."
        } else {
            text += " Triggered by this window's p-value under alpha \(formatP(finding.alpha))."
        }
        let examples = finding.result.examples.prefix(3).map { example in
            example.count > 200 ? String(example.prefix(200)) + "…" : example
        }
        if !examples.isEmpty { text += " Examples: " + examples.map { "\"\($0)\"" }.joined(separator: "; ") + "." }
        return text
    }

    /// The JSON array body of a POST to /api/v2/alerts (keys sorted, so it is deterministic).
    public static func body(_ alerts: [AlertmanagerAlert]) -> [UInt8] {
        var w = JSONWriter(reserving: 1024 * max(1, alerts.count))
        func map(_ key: String, _ values: [String: String]) {
            w.key(key)
            w.beginObject()
            for k in values.keys.sorted() { w.field(k, values[k] ?? "") }
            w.endObject()
        }
        w.beginArray()
        for alert in alerts {
            w.beginObject()
            map("labels", alert.labels)
            map("annotations", alert.annotations)
            w.field("startsAt", rfc3339(alert.startsAt))
            if let endsAt = alert.endsAt { w.field("endsAt", rfc3339(endsAt)) }
            if let url = alert.generatorURL { w.field("generatorURL", url) }
            w.endObject()
        }
        w.endArray()
        return w.bytes
    }
}

/// A p-value written readably, small ones in scientific notation (as in the alert line).
func formatP(_ p: Double) -> String { p < 0.001 ? String(format: "%.1e", p) : String(format: "%.3f", p) }

/// Three significant digits.
private func format(_ v: Double) -> String { String(format: "%.3g", v) }

/// RFC 3339 UTC with milliseconds, e.g. 2025-01-02T03:04:05.678Z.
func rfc3339(_ date: Date) -> String {
    let ms = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    var seconds = time_t(ms >= 0 ? ms / 1000 : (ms - 999) / 1000)
    let millis = Int(ms - Int64(seconds) * 1000)
    var parts = tm()
    gmtime_r(&seconds, &parts)
    return String(
        format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
        Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), millis)
}
