// JSONWriter+Timestamp: packet timestamps in JSON output, as seconds since the epoch with microseconds.

import JSON
import Wire

extension JSONWriter {
    /// Writes a packet timestamp as seconds since the epoch with microsecond precision (e.g. 1763915000.123456).
    public mutating func timestamp(_ t: Timestamp) {
        fixedPoint(t.nanoseconds / 1000, fractionDigits: 6)
    }
}
