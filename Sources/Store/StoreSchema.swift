// StoreSchema: the store's tables, as versioned GRDB migrations, and the checks that refuse a file that is not
// a slicewatch store or that a newer slicewatch migrated past what this binary knows.

import GRDB

enum StoreSchema {
    /// `PRAGMA application_id` of a slicewatch store ("SLWS").
    static let applicationID: Int32 = 0x534C_5753

    /// Every schema version, oldest first. Append new migrations; never edit a released one.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: v1)
        }
        return m
    }

    /// Checks that `db` is a slicewatch store this binary can use, or an empty database.
    static func check(_ db: Database, path: String) throws {
        let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let tables = try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        if id != applicationID && !tables.isEmpty {
            throw StoreError(
                path: path, operation: "open",
                reason: "the file is an SQLite database of another application (tables: "
                    + tables.prefix(5).joined(separator: ", ") + "), not a slicewatch store; choose another path")
        }
        let migrator = migrator
        if try migrator.hasBeenSuperseded(db) {
            let known = Set(migrator.migrations)
            let unknown = try migrator.appliedIdentifiers(db).subtracting(known).sorted()
            throw StoreError(
                path: path, operation: "open",
                reason: "the store was written by a newer slicewatch (schema versions \(unknown.joined(separator: ", ")) "
                    + "are unknown to this binary, which knows \(migrator.migrations.joined(separator: ", "))); "
                    + "upgrade slicewatch or use another store path")
        }
    }

    /// Version 1. Times ending in `_ns` are nanoseconds since the epoch: `time_ns`, `start_ns`, `end_ns` are packet
    /// time (what the monitor saw), `recorded_ns` is the wall clock at write time (what retention uses).
    static let v1 = """
        CREATE TABLE runs (
            id TEXT PRIMARY KEY,
            started_ns INTEGER NOT NULL,
            baseline TEXT,
            baseline_hash TEXT,
            settings TEXT NOT NULL DEFAULT '{}'
        );

        CREATE TABLE windows (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            window_index INTEGER NOT NULL,
            first_interaction INTEGER NOT NULL,
            start_ns INTEGER,
            end_ns INTEGER,
            interactions INTEGER NOT NULL,
            embedded INTEGER NOT NULL,
            novel INTEGER NOT NULL,
            errors INTEGER NOT NULL,
            partial INTEGER NOT NULL,
            alpha REAL NOT NULL,
            cusum_threshold REAL NOT NULL,
            windows_between_false_alarms REAL NOT NULL,
            slice_counts TEXT NOT NULL,
            report TEXT NOT NULL,
            recorded_ns INTEGER NOT NULL,
            UNIQUE (run_id, window_index)
        );
        CREATE INDEX windows_end ON windows(end_ns);
        CREATE INDEX windows_recorded ON windows(recorded_ns);

        CREATE TABLE findings (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            window_id INTEGER NOT NULL REFERENCES windows(id) ON DELETE CASCADE,
            run_id TEXT NOT NULL,
            window_index INTEGER NOT NULL,
            time_ns INTEGER,
            key TEXT NOT NULL,
            \(findingColumns),
            json TEXT NOT NULL
        );
        CREATE INDEX findings_window ON findings(window_id);
        CREATE INDEX findings_time ON findings(time_ns);
        CREATE INDEX findings_key ON findings(key);

        CREATE TABLE alert_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id TEXT NOT NULL,
            window_index INTEGER NOT NULL,
            interaction_index INTEGER NOT NULL,
            time_ns INTEGER,
            state TEXT NOT NULL CHECK (state IN ('pending', 'firing', 'resolved')),
            key TEXT NOT NULL,
            since_window INTEGER NOT NULL,
            \(findingColumns),
            json TEXT NOT NULL,
            recorded_ns INTEGER NOT NULL
        );
        CREATE INDEX alert_events_key ON alert_events(key, id);
        CREATE INDEX alert_events_time ON alert_events(time_ns);
        CREATE INDEX alert_events_recorded ON alert_events(recorded_ns);

        CREATE TABLE interactions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id TEXT NOT NULL,
            window_index INTEGER NOT NULL,
            interaction_id TEXT NOT NULL,
            time_ns INTEGER,
            slice TEXT,
            api TEXT NOT NULL,
            model TEXT,
            input TEXT NOT NULL,
            output TEXT NOT NULL,
            status INTEGER,
            latency REAL,
            failed INTEGER NOT NULL,
            json TEXT NOT NULL,
            recorded_ns INTEGER NOT NULL
        );
        CREATE INDEX interactions_slice ON interactions(slice, id);
        CREATE INDEX interactions_time ON interactions(time_ns);
        CREATE INDEX interactions_recorded ON interactions(recorded_ns);

        CREATE TABLE state (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_ns INTEGER NOT NULL
        );
        """

    /// A finding's columns (in `findings` and, as the evidence, in `alert_events`); see FindingColumns.
    static let findingColumns = """
        test TEXT NOT NULL,
            slice TEXT,
            descriptor TEXT,
            statistic TEXT NOT NULL,
            value REAL,
            baseline_value REAL,
            sample_size INTEGER NOT NULL,
            p_value REAL,
            z REAL,
            effect_name TEXT NOT NULL,
            effect REAL,
            floor REAL,
            insufficient_data TEXT,
            examples TEXT NOT NULL,
            triggered_by TEXT NOT NULL,
            alpha REAL,
            cusum REAL,
            cusum_threshold REAL
        """
}
