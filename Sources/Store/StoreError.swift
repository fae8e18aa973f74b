// StoreError: every failure of the store, as one message naming the database file, what was being done and why
// it failed (SQLite's own explanation included), so an operator can act on it without a stack trace.

import GRDB

/// A store operation that failed: which file, what was being done, and why.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The database file.
    public var path: String
    /// What was being done, e.g. "open", "record window 12 of run 3f2a…", "read alert history".
    public var operation: String
    /// Why it failed.
    public var reason: String

    /// An error for `operation` on the store at `path`, failed for `reason`.
    public init(path: String, operation: String, reason: String) {
        self.path = path
        self.operation = operation
        self.reason = reason
    }

    public var description: String { "store \(path): cannot \(operation): \(reason)" }
}

extension StoreError {
    /// Wraps any error thrown while doing `operation` (a StoreError passes through unchanged).
    static func wrap(_ error: any Error, path: String, operation: String) -> StoreError {
        if let e = error as? StoreError { return e }
        return StoreError(path: path, operation: operation, reason: explain(error))
    }

    /// A one-line reason: SQLite's message and result code for database errors, with a hint for the common ones.
    static func explain(_ error: any Error) -> String {
        guard let e = error as? DatabaseError else { return "\(error)" }
        let message = e.message ?? "SQLite error"
        let hint: String
        switch e.resultCode {
        case .SQLITE_NOTADB: hint = " (the file exists but is not an SQLite database; move it away or choose another path)"
        case .SQLITE_CORRUPT: hint = " (the database file is corrupt; restore it from a backup or move it away)"
        case .SQLITE_CANTOPEN: hint = " (check that the path is a file in a writable folder)"
        case .SQLITE_READONLY, .SQLITE_PERM: hint = " (no permission to write the database or its folder)"
        case .SQLITE_FULL: hint = " (the disk is full)"
        case .SQLITE_BUSY, .SQLITE_LOCKED: hint = " (another process holds a lock on the database)"
        default: hint = ""
        }
        return "\(message) [SQLite code \(e.extendedResultCode.rawValue)]\(hint)"
    }
}
