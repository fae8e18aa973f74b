// SliceWatchStore+Queries: the reads behind the admin API (windows, findings, alert history, firing alerts, slice
// counts), the HTML report (windows over time) and `slicewatch export` (sampled interactions). Newest first.

import Drift
import Exchange
import GRDB
import JSON

extension SliceWatchStore {
    /// Windows, newest first: of one run or all, ending at or after packet time `since` (ns), at most `limit`.
    public func windows(run: String? = nil, since: Int64? = nil, limit: Int = 100) throws(StoreError) -> [StoredWindow] {
        try read("read windows") { db in
            var filter = Filter()
            filter.add("run_id = ?", run)
            filter.add("end_ns >= ?", since)
            return try Row.fetchAll(
                db, sql: "SELECT * FROM windows \(filter.sql) ORDER BY id DESC LIMIT ?",
                arguments: filter.arguments + [limit]
            ).map(Self.window)
        }
    }

    /// Findings, newest first: of test `key` or all, of windows ending at or after `since` (ns), at most `limit`.
    public func findings(key: String? = nil, since: Int64? = nil, limit: Int = 100) throws(StoreError) -> [StoredFinding] {
        try read("read findings") { db in
            var filter = Filter()
            filter.add("key = ?", key)
            filter.add("time_ns >= ?", since)
            return try Row.fetchAll(
                db, sql: "SELECT * FROM findings \(filter.sql) ORDER BY id DESC LIMIT ?",
                arguments: filter.arguments + [limit]
            ).map {
                StoredFinding(
                    id: $0["id"], runID: $0["run_id"], window: $0["window_index"], time: $0["time_ns"],
                    finding: try FindingColumns.finding($0), json: $0["json"])
            }
        }
    }

    /// The alert history, newest first: every state change of alert `key` or of all, at or after packet time
    /// `since` (ns), at most `limit`.
    public func alertHistory(key: String? = nil, since: Int64? = nil, limit: Int = 100) throws(StoreError)
        -> [StoredAlertEvent]
    {
        try read("read alert history") { db in
            var filter = Filter()
            filter.add("key = ?", key)
            filter.add("time_ns >= ?", since)
            return try Row.fetchAll(
                db, sql: "SELECT * FROM alert_events \(filter.sql) ORDER BY id DESC LIMIT ?",
                arguments: filter.arguments + [limit]
            ).map(Self.event)
        }
    }

    /// Alerts firing now, by key: those whose latest recorded event is `firing`. This is what a restarted
    /// sidecar restores into its alert manager (see `AlertManager.restore(firing:)`).
    public func firingAlerts() throws(StoreError) -> [StoredAlertEvent] {
        try read("read firing alerts") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM alert_events
                    WHERE id IN (SELECT max(id) FROM alert_events GROUP BY key) AND state = 'firing'
                    ORDER BY key
                    """
            ).map(Self.event)
        }
    }

    /// Embedded interactions per slice id (and "novel") summed over the windows ending at or after `since` (ns).
    public func sliceCounts(since: Int64? = nil) throws(StoreError) -> [String: Int] {
        try read("read slice counts") { db in
            var filter = Filter()
            filter.add("end_ns >= ?", since)
            var totals: [String: Int] = [:]
            let rows = try String.fetchCursor(
                db, sql: "SELECT slice_counts FROM windows \(filter.sql)", arguments: filter.arguments)
            while let text = try rows.next() {
                for (slice, count) in try Self.counts(text) { totals[slice, default: 0] += count }
            }
            return totals
        }
    }

    /// Sampled interactions, newest first: of one slice (a slice id or "novel") or all, requested at or after
    /// `since` (ns), at most `perSlice` of each slice (unembedded ones count as one slice), at most `limit` in all.
    public func sampledInteractions(
        slice: String? = nil, since: Int64? = nil, perSlice: Int? = nil, limit: Int? = nil
    ) throws(StoreError) -> [StoredInteraction] {
        try read("read sampled interactions") { db in
            var filter = Filter()
            filter.add("slice = ?", slice)
            filter.add("time_ns >= ?", since)
            var sql = "SELECT * FROM interactions \(filter.sql)"
            var arguments = filter.arguments
            if let perSlice {
                sql = """
                    SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY slice ORDER BY id DESC) AS rank
                                   FROM interactions \(filter.sql))
                    WHERE rank <= ?
                    """
                arguments += [perSlice]
            }
            sql += " ORDER BY id DESC LIMIT ?"
            arguments += [limit ?? -1]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.interaction)
        }
    }

    // MARK: rows

    static func window(_ row: Row) throws -> StoredWindow {
        StoredWindow(
            id: row["id"], runID: row["run_id"], index: row["window_index"], firstInteraction: row["first_interaction"],
            start: row["start_ns"], end: row["end_ns"], interactions: row["interactions"], embedded: row["embedded"],
            novel: row["novel"], errors: row["errors"], partial: row["partial"], alpha: row["alpha"],
            cusumThreshold: row["cusum_threshold"], windowsBetweenFalseAlarms: row["windows_between_false_alarms"],
            sliceCounts: try counts(row["slice_counts"]), json: row["report"], recordedAt: row["recorded_ns"])
    }

    static func event(_ row: Row) throws -> StoredAlertEvent {
        let stateName: String = row["state"]
        guard let state = AlertEvent.State(rawValue: stateName) else {
            throw DecodingProblem("unknown alert state \"\(stateName)\"")
        }
        return StoredAlertEvent(
            id: row["id"], runID: row["run_id"], state: state, key: row["key"], window: row["window_index"],
            interactionIndex: row["interaction_index"], time: row["time_ns"], since: row["since_window"],
            finding: try FindingColumns.finding(row), json: row["json"], recordedAt: row["recorded_ns"])
    }

    static func interaction(_ row: Row) throws -> StoredInteraction {
        let json: String = row["json"]
        let id: String = row["interaction_id"]
        let interaction = try Interaction(json: try JSONParser().parse(json), defaultID: id)
        return StoredInteraction(
            id: row["id"], runID: row["run_id"], window: row["window_index"], time: row["time_ns"], slice: row["slice"],
            failed: row["failed"], interaction: interaction, json: json, recordedAt: row["recorded_ns"])
    }

    static func counts(_ text: String) throws -> [String: Int] {
        guard let object = try JSONParser().parse(text).object else { throw DecodingProblem("slice counts: not an object") }
        var counts: [String: Int] = [:]
        for (slice, value) in object { counts[slice] = value.int ?? 0 }
        return counts
    }
}

/// A WHERE clause built from optional conditions.
private struct Filter {
    private var conditions: [String] = []
    var arguments = StatementArguments()

    mutating func add(_ condition: String, _ value: (some DatabaseValueConvertible)?) {
        guard let value else { return }
        conditions.append(condition)
        arguments += [value]
    }

    var sql: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }
}
