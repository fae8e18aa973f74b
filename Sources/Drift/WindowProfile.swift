// WindowProfile: everything a window keeps of its interactions, in mergeable form — counts per slice (and
// novel), descriptor sketches, latency histograms, error counts, answer-check failures, pass-rate scores and
// answer flips per slice, and a few example inputs. Two
// profiles merge by adding, so cumulative views and fleets are sums.

import Baseline
import Quality
import Redaction
import Slicing

/// Counts and sketches of one window (or of several merged).
public struct WindowProfile: Sendable, Hashable {
    /// Packet time of the first and last observation (ns since the epoch); nil while empty.
    public private(set) var firstTime: Int64?
    public private(set) var lastTime: Int64?
    /// Every interaction observed.
    public private(set) var interactions = 0
    /// Interactions that were embedded (the sample size of every slice statistic).
    public private(set) var embedded = 0
    /// Embedded interactions per baseline slice.
    public private(set) var sliceCounts: [Int]
    /// Embedded interactions farther than the novelty threshold from every slice.
    public private(set) var novel = 0
    /// Descriptors of every interaction.
    public private(set) var descriptors = DescriptorSketch()
    /// Latency in milliseconds: index `slices.count` is novel, `slices.count + 1` is everything (embedded or not).
    public private(set) var latency: [LogHistogram]
    /// Errors, indexed like `latency`.
    public private(set) var errors: [Int]
    /// Built-in check failures, indexed like `latency`, then by `QualityCheck.index`.
    public private(set) var checkFailures: [[Int]]
    /// Interactions scored for the pass-rate test, and how many passed, indexed like `latency`.
    public private(set) var scored: [Int]
    public private(set) var passes: [Int]
    /// Inputs asked again within the consistency window, and how many got a materially different answer.
    public private(set) var repeats: [Int]
    public private(set) var flips: [Int]
    /// A few inputs per slice (index `slices.count` is novel), first come first kept.
    public private(set) var examples: [[String]]
    /// The longest inputs seen, with their length in characters.
    public private(set) var longest: [(characters: Int, text: String)] = []

    /// Examples kept per slice.
    public static let examplesPerSlice = 3

    /// An empty profile for a baseline of `sliceCount` slices.
    public init(sliceCount: Int) {
        sliceCounts = [Int](repeating: 0, count: sliceCount)
        latency = [LogHistogram](repeating: LogHistogram(maxExponent: OperationalProfile.latencyExponent), count: sliceCount + 2)
        errors = [Int](repeating: 0, count: sliceCount + 2)
        checkFailures = [[Int]](repeating: [Int](repeating: 0, count: QualityCheck.allCases.count), count: sliceCount + 2)
        scored = errors
        passes = errors
        repeats = errors
        flips = errors
        examples = [[String]](repeating: [], count: sliceCount + 1)
    }

    public var sliceCount: Int { sliceCounts.count }
    /// The index of the novel row in `latency`, `errors` and `examples`.
    public var novelIndex: Int { sliceCounts.count }
    /// The index of the all-interactions row in `latency` and `errors`.
    public var allIndex: Int { sliceCounts.count + 1 }
    public var isEmpty: Bool { interactions == 0 }

    /// Adds one observation.
    public mutating func add(_ o: Observation) {
        firstTime = min(firstTime ?? o.time, o.time)
        lastTime = max(lastTime ?? o.time, o.time)
        interactions += 1
        descriptors.add(o.descriptors)
        var row: Int?
        switch o.assignment {
        case .slice(let s, _):
            embedded += 1
            sliceCounts[s] += 1
            row = s
        case .novel:
            embedded += 1
            novel += 1
            row = novelIndex
        case .unembedded:
            break
        }
        if let value = OperationalProfile.latencyValue(o.latencyMilliseconds) {
            latency[allIndex].add(value)
            if let row { latency[row].add(value) }
        }
        if o.isError {
            errors[allIndex] += 1
            if let row { errors[row] += 1 }
        }
        if !o.checks.passed {
            for check in o.checks.checks {
                checkFailures[allIndex][check.index] += 1
                if let row { checkFailures[row][check.index] += 1 }
            }
        }
        if let passed = o.score { addScore(row: row, passed: passed) }
        if let flipped = o.flipped {
            repeats[allIndex] += 1
            if flipped { flips[allIndex] += 1 }
            if let row {
                repeats[row] += 1
                if flipped { flips[row] += 1 }
            }
        }
        // Examples are kept, stored and sent with alerts: personal data is redacted from the few that are kept.
        if let row, examples[row].count < Self.examplesPerSlice, !o.example.isEmpty {
            examples[row].append(Redactor.standard.redact(o.example).text)
        }
        let chars = o.descriptors.characters
        if longest.count < Self.examplesPerSlice || chars > longest[longest.count - 1].characters {
            longest.append((chars, Redactor.standard.redact(o.example).text))
            longest.sort { $0.characters > $1.characters }
            if longest.count > Self.examplesPerSlice { longest.removeLast() }
        }
    }

    /// Counts one scored interaction (a built-in verdict on arrival, or a grader's later) in `row` (a slice,
    /// `novelIndex`, or nil when not embedded) and in the all-interactions row.
    public mutating func addScore(row: Int?, passed: Bool) {
        scored[allIndex] += 1
        if passed { passes[allIndex] += 1 }
        if let row, row != allIndex {
            scored[row] += 1
            if passed { passes[row] += 1 }
        }
    }

    /// Adds another profile of the same baseline.
    public mutating func merge(_ other: WindowProfile) {
        precondition(other.sliceCount == sliceCount, "profiles of different baselines")
        if let t = other.firstTime { firstTime = min(firstTime ?? t, t) }
        if let t = other.lastTime { lastTime = max(lastTime ?? t, t) }
        interactions += other.interactions
        embedded += other.embedded
        novel += other.novel
        for i in sliceCounts.indices { sliceCounts[i] += other.sliceCounts[i] }
        descriptors.merge(other.descriptors)
        for i in latency.indices {
            latency[i].merge(other.latency[i])
            errors[i] += other.errors[i]
            scored[i] += other.scored[i]
            passes[i] += other.passes[i]
            repeats[i] += other.repeats[i]
            flips[i] += other.flips[i]
            for c in checkFailures[i].indices { checkFailures[i][c] += other.checkFailures[i][c] }
        }
        for i in examples.indices where examples[i].count < Self.examplesPerSlice {
            examples[i] += other.examples[i].prefix(Self.examplesPerSlice - examples[i].count)
        }
        longest = (longest + other.longest).sorted { $0.characters > $1.characters }.prefix(Self.examplesPerSlice).map { $0 }
    }

    public static func == (a: WindowProfile, b: WindowProfile) -> Bool {
        a.interactions == b.interactions && a.embedded == b.embedded && a.sliceCounts == b.sliceCounts
            && a.novel == b.novel && a.descriptors == b.descriptors && a.latency == b.latency && a.errors == b.errors
            && a.checkFailures == b.checkFailures && a.scored == b.scored && a.passes == b.passes && a.flips == b.flips
            && a.firstTime == b.firstTime && a.lastTime == b.lastTime
    }

    public func hash(into h: inout Hasher) {
        h.combine(interactions)
        h.combine(sliceCounts)
    }
}
