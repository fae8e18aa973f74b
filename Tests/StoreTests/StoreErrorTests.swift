// StoreErrorTests: a bad path is a clear StoreError naming the file and the cause, never a crash — a text file,
// a folder, another application's database, a schema from a newer slicewatch, an unwritable folder, a window
// recorded twice or for an unknown run.

import Foundation
import GRDB
import SliceWatchTesting
import Store
import Testing

private func openError(_ path: String) -> StoreError? {
    do {
        _ = try SliceWatchStore(path: path)
        return nil
    } catch {
        return error
    }
}

@Test func aFileThatIsNotSQLiteIsAClearError() throws {
    let folder = TemporaryFolder()
    let path = folder.path("notes.db")
    try Data(String(repeating: "this is not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
    let error = try #require(openError(path))
    #expect(error.path == path && error.operation == "open")
    #expect(error.description.contains("not a database"), "\(error)")
    #expect(error.description.contains(path))
}

@Test func aCorruptStoreIsAClearError() throws {
    let folder = TemporaryFolder()
    let path = folder.path("corrupt.db")
    do {
        let store = try SliceWatchStore(path: path)
        try store.close()
    }
    // Keep the SQLite header, overwrite the schema page: the file claims to be a database but is damaged.
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.seek(toOffset: 100)
    handle.write(Data(repeating: 0xA5, count: 8000))
    try handle.close()
    let error = try #require(openError(path))
    #expect(error.path == path)
    #expect(error.description.contains("malformed") || error.description.contains("corrupt")
        || error.description.contains("not a database"), "\(error)")
}

@Test func aFolderIsAClearError() throws {
    let folder = TemporaryFolder()
    let error = try #require(openError(folder.url.path))
    #expect(error.description.contains("is a folder"), "\(error)")
}

@Test func anotherApplicationsDatabaseIsRefused() throws {
    let folder = TemporaryFolder()
    let path = folder.path("other.db")
    try sqlite(path, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, 'x');")
    let error = try #require(openError(path))
    #expect(error.description.contains("another application") && error.description.contains("customers"), "\(error)")
    // Nothing was added to it.
    #expect(try sqliteOutput(path, "SELECT count(*) FROM sqlite_master WHERE type = 'table';") == "1")
}

@Test func aSchemaFromANewerSlicewatchIsRefused() throws {
    let folder = TemporaryFolder()
    let path = folder.path("newer.db")
    do {
        let store = try SliceWatchStore(path: path)
        try store.close()
    }
    try sqlite(path, "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future');")
    let error = try #require(openError(path))
    #expect(error.description.contains("newer slicewatch") && error.description.contains("v9-from-the-future"), "\(error)")
}

@Test(.enabled(if: getuid() != 0, "root can write into a read-only folder"))
func anUnwritableFolderIsAClearError() throws {
    let folder = TemporaryFolder()
    let locked = folder.path("locked")
    try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o500])
    defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: locked) }
    let error = try #require(openError(locked + "/s.db"))
    #expect(error.path == locked + "/s.db", "\(error)")
}

#if os(Linux)
@Test func aFileThatCannotBeCreatedIsAClearError() throws {
    // Nobody, root included, creates files in /proc.
    let error = try #require(openError("/proc/slicewatch-store-test.db"))
    #expect(error.path == "/proc/slicewatch-store-test.db" && error.operation == "open", "\(error)")
    #expect(error.description.contains("SQLite code"), "\(error)")
}
#endif

@Test func aFolderThatCannotBeCreatedIsAClearError() throws {
    let folder = TemporaryFolder()
    let file = folder.path("plain-file")
    try Data("x".utf8).write(to: URL(fileURLWithPath: file))
    let error = try #require(openError(file + "/sub/s.db"))
    #expect(error.description.contains("cannot create folder") && error.description.contains("plain-file is a file"), "\(error)")
}

@Test func recordingTwiceOrForAnUnknownRunIsAClearError() throws {
    let folder = TemporaryFolder()
    let store = try SliceWatchStore(path: folder.path("s.db"))
    let run = try store.startRun()
    let report = Fixture.reports[0]
    try store.record(report, reference: Fixture.reference, run: run)
    #expect {
        try store.record(report, reference: Fixture.reference, run: run)
    } throws: { ($0 as? StoreError)?.reason.contains("already recorded") == true }
    #expect {
        try store.record(report, reference: Fixture.reference, run: "nope")
    } throws: { ($0 as? StoreError)?.reason.contains("startRun") == true }
    // A failed record leaves nothing behind: still one window.
    #expect(try store.windows().count == 1)
}

// MARK: files written from outside the store, with plain GRDB

/// Runs `sql` on the database at `path` with a plain connection (not the store's).
func sqlite(_ path: String, _ sql: String) throws {
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in try db.execute(sql: sql) }
    try queue.close()
}

/// The first column of the first row `sql` returns, as text.
func sqliteOutput(_ path: String, _ sql: String) throws -> String {
    let queue = try DatabaseQueue(path: path)
    defer { try? queue.close() }
    return try queue.read { db in try String.fetchOne(db, sql: sql) ?? "" }
}

struct StoreTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
