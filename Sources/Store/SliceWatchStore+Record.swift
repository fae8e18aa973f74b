// SliceWatchStore+Record: the one write of the hot path — a closed window with its findings, its alert events
// (the alert history), the interactions sampled from it and the monitor's state, in one durable transaction.

import Drift
import Exchange
import Foundation
import GRDB
import JSON
import Redaction

extension SliceWatchStore {
    /// Records one closed window of `run` in one transaction, committed to disk before returning: the window, its
    /// findings, its alert events (`report.events`, the alert history), `sampled` interactions (secrets scrubbed
    /// again and personal data redacted here, so none reach the disk) and `state` values; then applies the retention limits. Either all of
    /// it is stored or none. Returns the window's store-wide id.
    @discardableResult
    public func record(
        _ report: WindowReport, reference: BaselineReference, run: String, sampled: [SampledInteraction] = [],
        state: [String: String] = [:], recordedAt: Date = Date()
    ) throws(StoreError) -> Int64 {
        let operation = "record window \(report.index) of run \(run)"
        let now = nanoseconds(recordedAt)
        // Everything is serialised before the write lock is taken.
        let rows = WindowRows(report, reference: reference, run: run, sampled: sampled, recordedAt: now)
        do {
            return try pool.write { db in
                try db.cachedStatement(sql: WindowRows.insertWindow).execute(arguments: rows.window)
                let windowID = db.lastInsertedRowID
                let finding = try db.cachedStatement(sql: WindowRows.insertFinding)
                for values in rows.findings {
                    try finding.execute(arguments: StatementArguments([windowID as (any DatabaseValueConvertible)?] + values))
                }
                let event = try db.cachedStatement(sql: WindowRows.insertEvent)
                for values in rows.events { try event.execute(arguments: values) }
                let interaction = try db.cachedStatement(sql: WindowRows.insertInteraction)
                for values in rows.interactions { try interaction.execute(arguments: values) }
                if !state.isEmpty { try Self.saveState(db, state, at: now) }
                _ = try Self.prune(db, settings: settings, now: now)
                return windowID
            }
        } catch let e as DatabaseError where e.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw StoreError(path: path, operation: operation, reason: "that window is already recorded")
        } catch let e as DatabaseError where e.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
            throw StoreError(path: path, operation: operation, reason: "no such run; call startRun first")
        } catch {
            throw StoreError.wrap(error, path: path, operation: operation)
        }
    }
}

/// One window's rows, serialised.
private struct WindowRows {
    typealias Values = [(any DatabaseValueConvertible)?]
    var window: StatementArguments
    /// Without the leading window id, known only after the window's insert.
    var findings: [Values] = []
    var events: [StatementArguments] = []
    var interactions: [StatementArguments] = []

    static let insertWindow = """
        INSERT INTO windows (run_id, window_index, first_interaction, start_ns, end_ns, interactions, embedded, novel,
            errors, partial, alpha, cusum_threshold, windows_between_false_alarms, slice_counts, report, recorded_ns)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let insertFinding = """
        INSERT INTO findings (window_id, run_id, window_index, time_ns, key, \(FindingColumns.names.joined(separator: ", ")), json)
        VALUES (?, ?, ?, ?, ?, \(placeholders(FindingColumns.names.count)), ?)
        """
    static let insertEvent = """
        INSERT INTO alert_events (run_id, window_index, interaction_index, time_ns, state, key, since_window,
            \(FindingColumns.names.joined(separator: ", ")), json, recorded_ns)
        VALUES (?, ?, ?, ?, ?, ?, ?, \(placeholders(FindingColumns.names.count)), ?, ?)
        """
    static let insertInteraction = """
        INSERT INTO interactions (run_id, window_index, interaction_id, time_ns, slice, api, model, input, output, status,
            latency, failed, json, recorded_ns)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static func placeholders(_ n: Int) -> String { Array(repeating: "?", count: n).joined(separator: ", ") }

    init(_ report: WindowReport, reference: BaselineReference, run: String, sampled: [SampledInteraction], recordedAt: Int64) {
        var w = JSONWriter(reserving: 16384)
        let p = report.profile
        let labels = Dictionary(zip(reference.sliceIDs, reference.sliceLabels), uniquingKeysWith: { a, _ in a })

        w.beginObject()
        for (id, count) in zip(reference.sliceIDs, p.sliceCounts) { w.field(id, count) }
        w.field("novel", p.novel)
        w.endObject()
        let sliceCounts = text(w)
        w.reset()
        report.writeJSON(into: &w, reference: reference)
        let windowJSON = text(w)
        window = StatementArguments([
            run, report.index, report.firstInteraction, p.firstTime, p.lastTime, p.interactions, p.embedded, p.novel,
            p.errors[p.allIndex], report.partial, report.alpha, report.cusumThreshold, report.windowsBetweenFalseAlarms,
            sliceCounts, windowJSON, recordedAt,
        ] as Values)

        for f in report.findings {
            let json = FindingColumns.json(f, window: report.index, time: p.lastTime, labels: labels, writer: &w)
            let head: Values = [run, report.index, p.lastTime, f.result.key]
            findings.append(head + FindingColumns.values(f, writer: &w) + [json])
        }
        for e in report.events {
            w.reset()
            e.writeJSON(into: &w, labels: labels)
            let json = text(w)
            let head: Values = [run, e.window, e.interactionIndex, e.time, e.state.rawValue, e.key, e.since]
            events.append(StatementArguments(head + FindingColumns.values(e.finding, writer: &w) + [json, recordedAt]))
        }
        for s in sampled {
            let i = s.interaction.scrubbed().redacted(by: .standard)
            w.reset()
            i.writeJSON(into: &w)
            interactions.append(StatementArguments([
                run, report.index, i.id, i.requestStart?.nanoseconds, s.slice, i.api.rawValue, i.model, i.input, i.output,
                i.status, i.latency, s.failed, text(w), recordedAt,
            ] as Values))
        }
    }
}
