// EmbeddingSampler: which interactions get embedded — all of them up to a rate per second of packet time, and
// a uniform random sample of that size beyond it (reservoir sampling per second), deterministic for a seed.

import Hashing
import Slicing

/// Chooses, per second of packet time, at most `ratePerSecond` of the interactions that arrived in it,
/// uniformly at random; everything when fewer arrived.
public struct EmbeddingSampler: Sendable {
    /// Interactions embedded per second of packet time; nil embeds every one.
    public let ratePerSecond: Int?
    private var random: SeededRandom

    public init(ratePerSecond: Int?, seed: UInt64 = 0x5157_6174_6368) {
        self.ratePerSecond = ratePerSecond.map { max(1, $0) }
        random = SeededRandom(seed: seed)
    }

    /// The second the last call ended in, and how many were chosen in it so far.
    private var currentSecond: Int64 = .min
    private var usedInCurrentSecond = 0

    /// The indices of `times` (nanoseconds, one per interaction, in arrival order) to embed, ascending.
    /// Seconds are counted from the epoch, so the choice depends only on the packets and the seed; a second
    /// split across calls shares one allowance.
    public mutating func choose(times: [Int64]) -> [Int] {
        guard let rate = ratePerSecond else { return Array(times.indices) }
        var chosen: [Int] = []
        chosen.reserveCapacity(min(times.count, rate * 2))
        var start = 0
        while start < times.count {
            let second = times[start] / 1_000_000_000
            var end = start
            while end < times.count && times[end] / 1_000_000_000 == second { end += 1 }
            if second != currentSecond {
                currentSecond = second
                usedInCurrentSecond = 0
            }
            let allowance = max(0, rate - usedInCurrentSecond)
            if end - start <= allowance {
                chosen.append(contentsOf: start..<end)
            } else if allowance > 0 {
                var reservoir = Array(start..<(start + allowance))
                for i in (start + allowance)..<end {
                    let j = Int(random.next() % UInt64(i - start + 1))
                    if j < allowance { reservoir[j] = i }
                }
                chosen.append(contentsOf: reservoir.sorted())
            }
            usedInCurrentSecond += min(end - start, allowance)
            start = end
        }
        return chosen
    }
}
