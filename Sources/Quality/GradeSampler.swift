// GradeSampler: which interactions go to the external graders — a uniform share of each slice's embedded
// interactions (Bernoulli at the sample rate), topped up at the end of each window to a per-slice minimum from a
// small reservoir of the ones not picked, plus every error and novel input. Only the uniform part counts in a
// slice's pass-rate test (always-kept errors would bias it); memory is one reservoir of `minimumPerSlice`
// interactions per slice.

import Exchange
import Hashing
import Slicing

/// One interaction chosen for grading.
public struct GradePick: Sendable {
    public var interaction: Interaction
    /// The baseline slice (index) it was assigned to; nil for novel or unembedded inputs.
    public var slice: Int?
    public var novel: Bool
    /// The built-in checks it failed.
    public var checks: CheckFailures
    /// Whether its grade counts in its slice's pass-rate test (a uniform pick within the slice).
    public var countsInTest: Bool

    public init(interaction: Interaction, slice: Int?, novel: Bool, checks: CheckFailures, countsInTest: Bool) {
        self.interaction = interaction
        self.slice = slice
        self.novel = novel
        self.checks = checks
        self.countsInTest = countsInTest
    }
}

/// Picks interactions for grading, window by window; deterministic for a seed.
public struct GradeSampler: Sendable {
    public let settings: QualitySettings
    private var random: SeededRandom
    private var picked: [Int]
    private var reservoirs: [[GradePick]]
    private var seen: [Int]
    private var pickedInWindow = 0
    /// Picks refused because the window already had `maximumPerWindow`.
    public private(set) var skipped = 0

    public init(settings: QualitySettings, sliceCount: Int, seed: UInt64 = 0x6772_6164_6573) {
        self.settings = settings
        random = SeededRandom(seed: seed)
        picked = [Int](repeating: 0, count: sliceCount)
        reservoirs = [[GradePick]](repeating: [], count: sliceCount)
        seen = [Int](repeating: 0, count: sliceCount)
    }

    /// Offers one observed interaction; returns it when it is to be graded now.
    public mutating func offer(_ interaction: Interaction, slice: Int?, novel: Bool, checks: CheckFailures) -> GradePick? {
        var pick = GradePick(interaction: interaction, slice: slice, novel: novel, checks: checks, countsInTest: false)
        if let s = slice, picked.indices.contains(s) {
            if uniform() < settings.sampleRate {
                pick.countsInTest = true
                picked[s] += 1
                return admit(pick)
            }
            // Not picked: a candidate for the top-up (Algorithm R over the slice's unpicked interactions).
            seen[s] += 1
            let k = max(0, settings.minimumPerSlice)
            if reservoirs[s].count < k {
                reservoirs[s].append(pick)
            } else if k > 0 {
                let j = Int(random.next() % UInt64(seen[s]))
                if j < k { reservoirs[s][j] = pick }
            }
        }
        return novel || checks.contains(.error) ? admit(pick) : nil
    }

    /// Ends the window: the top-ups that bring each slice to `minimumPerSlice` uniform picks (as far as it had
    /// interactions), then a fresh start.
    public mutating func closeWindow() -> [GradePick] {
        var out: [GradePick] = []
        for s in reservoirs.indices {
            let missing = settings.minimumPerSlice - picked[s]
            if missing > 0 && !reservoirs[s].isEmpty {
                // A random subset of the reservoir (itself a uniform subset) is a uniform subset.
                var candidates = reservoirs[s]
                candidates.shuffle(using: &random)
                for var p in candidates.prefix(missing) {
                    p.countsInTest = true
                    if let admitted = admit(p) { out.append(admitted) }
                }
            }
            picked[s] = 0
            seen[s] = 0
            reservoirs[s].removeAll(keepingCapacity: true)
        }
        pickedInWindow = 0
        return out
    }

    private mutating func admit(_ pick: GradePick) -> GradePick? {
        guard pickedInWindow < settings.maximumPerWindow else {
            skipped += 1
            return nil
        }
        pickedInWindow += 1
        return pick
    }

    private mutating func uniform() -> Double { Double(random.next() >> 11) / Double(1 << 53) }
}
