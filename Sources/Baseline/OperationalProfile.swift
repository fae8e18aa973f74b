// OperationalProfile: how reference traffic behaved — interactions, errors and a latency histogram (ms, in the
// log-spaced bins live windows use) — per slice and overall. Live error rates and latency tails are tested
// against it. Mergeable counts, so it reads and writes as plain numbers.

import Slicing

/// Errors and latency of a group of interactions.
public struct OperationalProfile: Sendable, Hashable {
    /// Latency range: up to 2^22 ms (about 70 minutes) in quarter-octave bins. Live windows use the same bins.
    public static let latencyExponent = 22

    public private(set) var interactions = 0
    public private(set) var errors = 0
    /// Latency in milliseconds of the interactions that had one.
    public private(set) var latency = LogHistogram(maxExponent: Self.latencyExponent)

    public init() {}

    /// Counts one interaction.
    public mutating func add(isError: Bool, latencyMilliseconds: Double?) {
        interactions += 1
        if isError { errors += 1 }
        if let value = Self.latencyValue(latencyMilliseconds) { latency.add(value) }
    }

    /// Builds a profile from stored counts.
    /// - Throws: `BaselineFileError` when counts are negative or inconsistent.
    public init(interactions: Int, errors: Int, latencyCounts: [(lowerEdge: Int, count: Int)], path: String) throws {
        guard interactions >= 0, errors >= 0, errors <= interactions else {
            throw BaselineFileError("\"\(path)\": errors must be between 0 and interactions")
        }
        self.interactions = interactions
        self.errors = errors
        for (edge, count) in latencyCounts {
            let bin = latency.bin(of: edge)
            guard edge >= 0, latency.lowerEdges[bin] == edge, count >= 0 else {
                throw BaselineFileError("\"\(path).latency_ms\": \(edge) is not a bin edge of this slicewatch, or a count is negative")
            }
            latency.add(edge, times: count)
        }
        guard latency.total <= interactions else {
            throw BaselineFileError("\"\(path).latency_ms\" counts more latencies than interactions")
        }
    }

    /// The histogram value of a latency in milliseconds: whole milliseconds, nil when absent or not a duration.
    public static func latencyValue(_ milliseconds: Double?) -> Int? {
        guard let ms = milliseconds, ms.isFinite, ms >= 0 else { return nil }
        return Int(min(ms, 1e12).rounded())
    }

    /// Non-empty latency bins as (lower edge, count), the stored form.
    public var latencyBins: [(lowerEdge: Int, count: Int)] {
        latency.counts.indices.filter { latency.counts[$0] > 0 }.map { (latency.lowerEdges[$0], latency.counts[$0]) }
    }
}
