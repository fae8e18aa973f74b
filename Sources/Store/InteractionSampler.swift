// InteractionSampler: picks the few interactions of a window that the store keeps — stratified by slice, failed
// and novel ones first — with a bounded reservoir per stratum, so a window of any size costs bounded memory.

import Drift
import Exchange
import Hashing
import Slicing

/// Samples one window's interactions for the store: every interaction is offered with the slice the monitor put it
/// in; `take()` returns at most `limit`, chosen round-robin over the strata — failed ones, novel ones, each slice
/// in id order, then unembedded ones — each stratum a uniform sample of what it was offered (reservoir sampling).
public struct InteractionSampler: Sendable {
    /// Most interactions returned per window (`StoreSettings.interactionsPerWindow`).
    public let limit: Int
    /// Interactions offered since the last `take()`.
    public private(set) var offered = 0
    private var strata: [Stratum: Reservoir] = [:]
    private var random: SeededRandom

    /// A sampler keeping at most `limit` per window; `seed` makes the choice reproducible.
    public init(limit: Int, seed: UInt64 = 0x5eed_5eed) {
        self.limit = max(0, limit)
        random = SeededRandom(seed: seed)
    }

    /// The stratum name of a monitor assignment: the baseline slice id, "novel", or nil when not embedded.
    public static func slice(of assignment: SliceAssignment, reference: BaselineReference) -> String? {
        switch assignment {
        case .slice(let i, _): reference.sliceIDs.indices.contains(i) ? reference.sliceIDs[i] : nil
        case .novel: "novel"
        case .unembedded: nil
        }
    }

    /// Offers one interaction of the current window.
    public mutating func add(_ interaction: Interaction, slice: String?) {
        guard limit > 0 else { return }
        offered += 1
        let s = SampledInteraction(interaction: interaction, slice: slice)
        let stratum: Stratum = s.failed ? .failed : slice == "novel" ? .novel : slice.map(Stratum.slice) ?? .unembedded
        var reservoir = strata.removeValue(forKey: stratum) ?? Reservoir()
        reservoir.seen += 1
        if reservoir.items.count < limit {
            reservoir.items.append(s)
        } else {
            let j = Int(random.next() % UInt64(reservoir.seen))
            if j < limit { reservoir.items[j] = s }
        }
        strata[stratum] = reservoir
    }

    /// The window's sample (at most `limit`), and a fresh start for the next window.
    public mutating func take() -> [SampledInteraction] {
        let ordered = strata.sorted { $0.key < $1.key }.map(\.value.items)
        var chosen: [SampledInteraction] = []
        var round = 0
        while chosen.count < limit, ordered.contains(where: { $0.count > round }) {
            for items in ordered where round < items.count && chosen.count < limit { chosen.append(items[round]) }
            round += 1
        }
        strata = [:]
        offered = 0
        return chosen
    }


    /// A stratum, in the order `take()` serves them.
    private enum Stratum: Hashable, Comparable, Sendable {
        case failed
        case novel
        case slice(String)
        case unembedded
    }

    private struct Reservoir: Sendable {
        var seen = 0
        var items: [SampledInteraction] = []
    }
}
