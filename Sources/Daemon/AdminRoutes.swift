// AdminRoutes: the admin API's routes over the live state and the store — the report page at `/`, health and
// readiness probes,
// Prometheus metrics, and the JSON API (status, slices, findings, alerts; findings and alert history come
// from the store when there is one, so they survive restarts).

import AdminServer
import Drift
import JSON
import Sidecar
import Store

struct AdminRoutes {
    let live: LiveState
    let store: SliceWatchStore?
    let report: LiveReport

    var routes: [String: @Sendable () async -> AdminResponse] {
        let live = self.live
        let store = self.store
        let report = self.report
        return [
            "/": { AdminResponse(contentType: "text/html; charset=utf-8", body: Array(report.html().utf8)) },
            "/healthz": { .text("ok\n") },
            "/readyz": {
                let (ready, reason) = live.readiness()
                return .text(reason + "\n", status: ready ? 200 : 503)
            },
            "/metrics": { AdminResponse(contentType: PrometheusText.contentType, body: Array(live.metrics().utf8)) },
            "/api/v1/status": { .json(live.status()) },
            "/api/v1/slices": { .json(live.slices()) },
            "/api/v1/findings": {
                guard let store else { return .json(live.findings()) }
                do {
                    let rows = try store.findings(limit: 100)
                    return .json(Self.object("findings", rows.map(\.json)))
                } catch {
                    return Self.failure(error)
                }
            },
            "/api/v1/alerts": {
                guard let store else { return .json(live.alerts()) }
                do {
                    let history = try store.alertHistory(limit: 100).map(\.event)
                    return .json(live.alerts(history: history.reversed()))
                } catch {
                    return Self.failure(error)
                }
            },
        ]
    }

    /// `{"name":[raw JSON objects...]}`.
    static func object(_ name: String, _ items: [String]) -> String {
        "{\"\(name)\":[" + items.joined(separator: ",") + "]}"
    }

    /// A store read failed: 500 with `{"error": "..."}`.
    static func failure(_ error: any Error) -> AdminResponse {
        var w = JSONWriter()
        w.beginObject()
        w.field("error", "\(error)")
        w.endObject()
        return AdminResponse(status: 500, contentType: "application/json", body: w.bytes)
    }
}
