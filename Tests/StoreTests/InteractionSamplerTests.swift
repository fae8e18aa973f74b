// InteractionSamplerTests: a window's sample is bounded, stratified round-robin (failed, novel, slices, then
// unembedded), uniform within a stratum, and starts afresh every window.

import Drift
import Exchange
import Store
import Testing

@Test func failedAndNovelComeFirstThenEverySlice() {
    var sampler = InteractionSampler(limit: 5)
    for n in 0..<50 { sampler.add(Fixture.interaction(n), slice: "s\(n % 3)") }
    for n in 50..<60 { sampler.add(Fixture.interaction(n), slice: "novel") }
    for n in 60..<65 { sampler.add(Fixture.interaction(n, status: 503), slice: "s0") }
    for n in 65..<100 { sampler.add(Fixture.interaction(n), slice: nil) }
    #expect(sampler.offered == 100)
    let sample = sampler.take()
    #expect(sample.count == 5)
    #expect(sample.map(\.failed) == [true, false, false, false, false])
    #expect(sample.map(\.slice) == ["s0", "novel", "s0", "s1", "s2"])
    #expect(sampler.offered == 0)
    #expect(sampler.take().isEmpty, "a new window starts empty")
}

@Test func fewInteractionsAreAllKept() {
    var sampler = InteractionSampler(limit: 20)
    for n in 0..<7 { sampler.add(Fixture.interaction(n), slice: n < 5 ? "s1" : nil) }
    let sample = sampler.take()
    #expect(sample.count == 7)
    #expect(Set(sample.map(\.interaction.id)) == Set((0..<7).map { Fixture.interaction($0).id }))
}

@Test func aStratumIsSampledUniformly() {
    var late = 0
    for seed in 1...20 as ClosedRange<UInt64> {
        var sampler = InteractionSampler(limit: 10, seed: seed)
        for n in 0..<1000 { sampler.add(Fixture.interaction(n), slice: "s0") }
        let ids = sampler.take().map(\.interaction.id)
        #expect(Set(ids).count == 10)
        late += ids.filter { Int($0.split(separator: "-").last!)! >= 500 }.count
    }
    // About half of 200 picks should come from the second half of the window, not the first ten offered.
    #expect((60...140).contains(late), "\(late)")
}

@Test func assignmentsNameTheirStratum() {
    let r = Fixture.reference
    #expect(InteractionSampler.slice(of: .slice(2, distance: 0.1), reference: r) == "s2")
    #expect(InteractionSampler.slice(of: .novel(distance: 0.9), reference: r) == "novel")
    #expect(InteractionSampler.slice(of: .unembedded, reference: r) == nil)
}
