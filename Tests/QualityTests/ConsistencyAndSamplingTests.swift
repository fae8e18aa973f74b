// ConsistencyAndSamplingTests: the answer-flip tracker (same input asked again: same answer, a reworded answer, a
// refusal; the time limit; bounded memory) and the grading sampler (rate, per-slice top-up, errors and novel
// inputs always kept but not counted, the per-window cap, determinism).

import Exchange
import Quality
import Testing

private let second: Int64 = 1_000_000_000

@Test func repeatsWithTheSameAnswerDoNotFlipButARefusalDoes() {
    var t = ConsistencyTracker(window: 60, capacity: 100)
    #expect(t.observe(input: "Book a table for two", context: nil, time: 0, answer: "Booked a table for two at 7 pm.", passed: true) == .first)
    // Case and spacing do not make a new input; a lightly reworded answer is the same answer.
    #expect(t.observe(input: "book a  table for two", context: nil, time: 5 * second, answer: "Booked a table for two at 7 pm!", passed: true)
        == .repeated(flipped: false))
    #expect(t.observe(input: "Book a table for two", context: nil, time: 9 * second, answer: "I'm sorry, I can't help with that.", passed: false)
        == .repeated(flipped: true))
    // Another system prompt is another question.
    #expect(t.observe(input: "Book a table for two", context: "sys-2", time: 10 * second, answer: "x", passed: true) == .first)
}

@Test func materiallyDifferentAnswersFlipAndOldOnesExpire() {
    var t = ConsistencyTracker(window: 60, capacity: 100)
    _ = t.observe(input: "capital of australia", context: nil, time: 0, answer: "The capital of Australia is Canberra.", passed: true)
    #expect(t.observe(input: "capital of australia", context: nil, time: second, answer: "Sydney is the largest city and the capital.", passed: true)
        == .repeated(flipped: true))
    #expect(t.observe(input: "capital of australia", context: nil, time: 200 * second, answer: "Canberra.", passed: true) == .first)
}

@Test func theTrackerForgetsTheOldestInputsAtCapacity() {
    var t = ConsistencyTracker(window: 3600, capacity: 3)
    for i in 0..<10 { _ = t.observe(input: "question \(i)", context: nil, time: Int64(i), answer: "a", passed: true) }
    #expect(t.count == 3)
    #expect(t.observe(input: "question 0", context: nil, time: 20, answer: "a", passed: true) == .first)
    #expect(t.observe(input: "question 9", context: nil, time: 21, answer: "a", passed: true) == .repeated(flipped: false))
}

private func interaction(_ n: Int) -> Interaction {
    var i = Interaction(id: "i\(n)", api: .openAIChat)
    i.input = "question \(n)"
    i.status = 200
    return i
}

@Test func theSamplerPicksAtTheRateAndTopsUpEachSlice() {
    var settings = QualitySettings()
    settings.sampleRate = 0.1
    settings.minimumPerSlice = 5
    settings.maximumPerWindow = 10_000
    var sampler = GradeSampler(settings: settings, sliceCount: 3)
    var counted = [0, 0, 0]
    // Slice 0 is busy (2,000 interactions), slice 1 quiet (20), slice 2 empty.
    for n in 0..<2000 {
        if let p = sampler.offer(interaction(n), slice: 0, novel: false, checks: []) { counted[0] += p.countsInTest ? 1 : 0 }
    }
    for n in 0..<20 {
        if let p = sampler.offer(interaction(n), slice: 1, novel: false, checks: []) { counted[1] += p.countsInTest ? 1 : 0 }
    }
    for p in sampler.closeWindow() where p.countsInTest { counted[p.slice!] += 1 }
    #expect(counted[0] > 150 && counted[0] < 250)  // about 10% of 2,000
    #expect(counted[1] == 5)  // topped up to the minimum
    #expect(counted[2] == 0)
    // The next window starts afresh.
    #expect(sampler.closeWindow().isEmpty)
}

@Test func errorsAndNovelInputsAreAlwaysGradedButNotCounted() {
    var settings = QualitySettings()
    settings.sampleRate = 0
    settings.minimumPerSlice = 0
    var sampler = GradeSampler(settings: settings, sliceCount: 2)
    let novel = sampler.offer(interaction(1), slice: nil, novel: true, checks: [])
    let error = sampler.offer(interaction(2), slice: 1, novel: false, checks: CheckFailures([.error]))
    let plain = sampler.offer(interaction(3), slice: 1, novel: false, checks: CheckFailures([.refusal]))
    #expect(novel?.countsInTest == false && novel?.novel == true)
    #expect(error?.countsInTest == false && error?.slice == 1)
    #expect(plain == nil)
}

@Test func theWindowCapIsCountedAndTheChoiceIsDeterministic() {
    var settings = QualitySettings()
    settings.sampleRate = 1
    settings.maximumPerWindow = 7
    func run() -> ([String], Int) {
        var sampler = GradeSampler(settings: settings, sliceCount: 1, seed: 42)
        let ids = (0..<20).compactMap { sampler.offer(interaction($0), slice: 0, novel: false, checks: [])?.interaction.id }
        return (ids, sampler.skipped)
    }
    let (ids, skipped) = run()
    #expect(ids.count == 7 && skipped == 13)
    settings.sampleRate = 0.3
    settings.maximumPerWindow = 100
    #expect(run().0 == run().0)
}
