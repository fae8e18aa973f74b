// StoreSettings: where the sidecar's SQLite store lives and how much history it keeps (filled in by Config).

/// The store's file and retention limits; whichever limit is hit first prunes the oldest rows.
public struct StoreSettings: Sendable, Hashable {
    /// SQLite database file (WAL mode); created with its folder if missing.
    public var path: String
    /// Windows, findings and sampled interactions older than this many seconds are pruned (alert history is
    /// kept for `alertRetention`).
    public var retention = 30.0 * 86400
    public var alertRetention = 365.0 * 86400
    /// Most windows kept.
    public var maxWindows = 100_000
    /// Most sampled interactions kept.
    public var maxInteractions = 50_000
    /// Interactions sampled into the store per window (stratified by slice; novel and failed ones first).
    public var interactionsPerWindow = 20

    public init(path: String) {
        self.path = path
    }
}
