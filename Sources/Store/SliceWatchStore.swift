// SliceWatchStore: the sidecar's SQLite store (GRDB DatabasePool, WAL, synchronous=FULL) — opening and checking
// the file, runs, and the key-value state the monitor resumes from. Writes: +Record; reads: +Queries; +Retention.

import Foundation
import GRDB

/// The sidecar's persistent state: windows, findings, alert history, sampled interactions, runs and resumable
/// state, in one SQLite file in WAL mode. Every window is one transaction, committed durably (fsync) before
/// `record` returns, so a crash or `kill -9` loses at most the window still open in memory. Safe to share
/// between threads and tasks; readers (the admin API) never block the writer.
public final class SliceWatchStore: Sendable {
    /// Where the store lives and how much it keeps.
    public let settings: StoreSettings
    let pool: DatabasePool

    /// The database file.
    public var path: String { settings.path }

    /// Opens the store at `settings.path`, creating the file and its folder when missing and upgrading an older
    /// schema. Throws a StoreError naming the path when the file cannot be created, is not an SQLite database, is
    /// another application's database, is corrupt, or was written by a newer slicewatch.
    public init(settings: StoreSettings) throws(StoreError) {
        self.settings = settings
        let path = settings.path
        func fail(_ reason: String) -> StoreError { StoreError(path: path, operation: "open", reason: reason) }
        guard !path.isEmpty else { throw fail("no path given") }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw fail("it is a folder; give the path of a database file inside it")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw fail("cannot create folder \(folder.path): \(Self.whyNoFolder(folder) ?? error.localizedDescription)")
        }
        var configuration = Configuration()
        configuration.label = "slicewatch.store"
        // Another process (an export, a second admin reader) may hold a lock briefly.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // WAL + FULL: a commit is on disk when record() returns, surviving power loss, not only kill -9.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try pool.writeWithoutTransaction { db in try StoreSchema.check(db, path: path) }
            try StoreSchema.migrator.migrate(pool)
            try pool.read { db in _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM runs") }
        } catch {
            throw StoreError.wrap(error, path: path, operation: "open")
        }
    }

    /// Why `folder` cannot be created, when a part of it is a file.
    private static func whyNoFolder(_ folder: URL) -> String? {
        var url = folder
        while url.path != "/" && !url.path.isEmpty {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) {
                return isFolder.boolValue ? nil : "\(url.path) is a file, not a folder"
            }
            url.deleteLastPathComponent()
        }
        return nil
    }

    /// Convenience: opens the store at `path` with default limits.
    public convenience init(path: String) throws(StoreError) {
        try self.init(settings: StoreSettings(path: path))
    }

    /// SQLite's journal mode ("wal").
    public func journalMode() throws(StoreError) -> String {
        try read("read the journal mode") { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// Checkpoints the write-ahead log into the database file and closes every connection. Optional: a store
    /// that is never closed (a crash) loses nothing committed. No call may follow.
    public func close() throws(StoreError) {
        do {
            _ = try pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            try pool.close()
        } catch {
            throw StoreError.wrap(error, path: path, operation: "close")
        }
    }

    // MARK: runs

    /// Starts a run (one process lifetime against one baseline) and returns its id, to pass to `record`.
    /// `settings` is a JSON summary of the settings in force.
    public func startRun(
        baseline: String? = nil, baselineHash: String? = nil, settings: String = "{}", startedAt: Date = Date()
    ) throws(StoreError) -> String {
        let id = UUID().uuidString.lowercased()
        try write("start a run") { db in
            try db.execute(
                sql: "INSERT INTO runs (id, started_ns, baseline, baseline_hash, settings) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, nanoseconds(startedAt), baseline, baselineHash, settings])
        }
        return id
    }

    /// Every run, newest first.
    public func runs() throws(StoreError) -> [StoreRun] {
        try read("read runs") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY started_ns DESC, rowid DESC").map {
                StoreRun(
                    id: $0["id"], startedAt: $0["started_ns"], baseline: $0["baseline"],
                    baselineHash: $0["baseline_hash"], settings: $0["settings"])
            }
        }
    }

    // MARK: resumable state

    /// Saves one value of the monitor's resumable state (also possible atomically with a window in `record`).
    public func setState(_ value: String, forKey key: String, at time: Date = Date()) throws(StoreError) {
        try write("save state \"\(key)\"") { db in try Self.saveState(db, [key: value], at: nanoseconds(time)) }
    }

    /// One value of the resumable state, nil when never saved.
    public func state(forKey key: String) throws(StoreError) -> String? {
        try read("read state \"\(key)\"") { db in
            try String.fetchOne(db, sql: "SELECT value FROM state WHERE key = ?", arguments: [key])
        }
    }

    /// The whole resumable state.
    public func allState() throws(StoreError) -> [String: String] {
        try read("read state") { db in
            Dictionary(
                try Row.fetchAll(db, sql: "SELECT key, value FROM state").map { ($0["key"], $0["value"]) },
                uniquingKeysWith: { $1 })
        }
    }

    static func saveState(_ db: Database, _ values: [String: String], at ns: Int64) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO state (key, value, updated_ns) VALUES (?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_ns = excluded.updated_ns
                """)
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            try statement.execute(arguments: [key, value, ns])
        }
    }

    // MARK: helpers

    /// Runs `body` in one write transaction; any error becomes a StoreError for `operation`.
    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.write(body) } catch { throw StoreError.wrap(error, path: path, operation: operation) }
    }

    /// Runs `body` on a read snapshot; any error becomes a StoreError for `operation`.
    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.read(body) } catch { throw StoreError.wrap(error, path: path, operation: operation) }
    }
}

/// Wall-clock time as ns since the epoch.
func nanoseconds(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1e9).rounded())
}
