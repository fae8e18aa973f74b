// SliceWatchStore+Retention: applies StoreSettings' limits — age for windows (their findings go with them) and
// sampled interactions, row counts for both, a longer age for alert history, which never drops a firing alert.

import Foundation
import GRDB

extension SliceWatchStore {
    /// Removes what the retention limits no longer allow, as of wall-clock `now`: windows and sampled interactions
    /// recorded more than `settings.retention` seconds ago or beyond `maxWindows` / `maxInteractions` (oldest
    /// first; a window's findings go with it), and alert events older than `settings.alertRetention` — except the
    /// latest event of an alert still firing, so the store never forgets a firing alert. `record` already prunes
    /// after every window; call this at startup or after lowering a limit.
    @discardableResult
    public func prune(now: Date = Date()) throws(StoreError) -> PruneCounts {
        try write("prune") { db in try Self.prune(db, settings: settings, now: nanoseconds(now)) }
    }

    /// The pruning itself, inside the caller's transaction. Each step is an index range scan, so pruning with
    /// nothing to remove costs a few index lookups.
    static func prune(_ db: Database, settings: StoreSettings, now: Int64) throws -> PruneCounts {
        var counts = PruneCounts()
        let windowCutoff = now - seconds(settings.retention)
        let alertCutoff = now - seconds(settings.alertRetention)
        let findingsBefore = db.totalChangesCount

        // Ids only grow, so "beyond the newest N" is "id <= max(id) - N" (it keeps at most N rows, fewer
        // after rolled-back inserts left gaps).
        counts.windows = try delete(db, "windows", before: windowCutoff, keeping: settings.maxWindows)
        // Cascaded deletes are counted in totalChangesCount, not in changesCount.
        counts.findings = db.totalChangesCount - findingsBefore - counts.windows

        counts.interactions = try delete(db, "interactions", before: windowCutoff, keeping: settings.maxInteractions)

        try db.execute(
            sql: """
                DELETE FROM alert_events WHERE recorded_ns < ?
                    AND NOT (state = 'firing' AND id = (SELECT max(id) FROM alert_events AS later
                                                        WHERE later.key = alert_events.key))
                """, arguments: [alertCutoff])
        counts.alertEvents = db.changesCount
        return counts
    }

    /// Deletes rows of `table` recorded before `cutoff` or beyond the newest `keeping`; returns how many.
    private static func delete(_ db: Database, _ table: String, before cutoff: Int64, keeping: Int) throws -> Int {
        try db.execute(sql: "DELETE FROM \(table) WHERE recorded_ns < ?", arguments: [cutoff])
        var removed = db.changesCount
        try db.execute(
            sql: "DELETE FROM \(table) WHERE id <= (SELECT max(id) FROM \(table)) - ?", arguments: [max(0, keeping)])
        removed += db.changesCount
        return removed
    }

    private static func seconds(_ s: Double) -> Int64 {
        guard s.isFinite else { return s > 0 ? Int64.max / 2 : 0 }
        return Int64(max(0, min(s, 9e9)) * 1e9)
    }
}
