// EmbeddingSamplerTests: everything up to the rate, a uniform deterministic sample beyond it, one allowance
// per second of packet time even when a second is split across calls.

import Drift
import Testing

private let second: Int64 = 1_000_000_000

@Test func underTheRateEverythingIsEmbedded() {
    var sampler = EmbeddingSampler(ratePerSecond: 10)
    let times = (0..<25).map { Int64($0 / 5) * second }  // 5 a second
    #expect(sampler.choose(times: times) == Array(0..<25))
    var all = EmbeddingSampler(ratePerSecond: nil)
    #expect(all.choose(times: [1, 2, 3]) == [0, 1, 2])
}

@Test func overTheRateAUniformSampleOfTheRate() {
    let times = (0..<1000).map { Int64($0 / 100) * second }  // 100 a second for 10 s
    var sampler = EmbeddingSampler(ratePerSecond: 20, seed: 1)
    let chosen = sampler.choose(times: times)
    #expect(chosen.count == 200)
    for s in 0..<10 { #expect(chosen.filter { $0 / 100 == s }.count == 20) }
    var again = EmbeddingSampler(ratePerSecond: 20, seed: 1)
    #expect(again.choose(times: times) == chosen)
    // Uniform: positions within a second are spread out, not the first 20.
    #expect(chosen.filter { $0 % 100 >= 50 }.count > 60)
}

@Test func aSecondSplitAcrossCallsSharesOneAllowance() {
    var sampler = EmbeddingSampler(ratePerSecond: 10)
    let first = sampler.choose(times: [Int64](repeating: 5 * second, count: 8))
    let second = sampler.choose(times: [Int64](repeating: 5 * second + 1, count: 8))
    #expect(first.count == 8 && second.count == 2)
}
