// EmbeddingBenchmarkTests: throughput of MiniLMEncoder, off by default. Run in release with
//   SLICEWATCH_BENCH=1 SLICEWATCH_BENCH_PROMPTS=/path/to/prompts.txt swift test -c release --filter EmbeddingBenchmark
// where prompts.txt holds one prompt per line (any short-prompt corpus, e.g. CLINC150 utterances); it prints
// prompts/s for 1 thread and for all cores. SLICEWATCH_BENCH_BATCH overrides the batch size. Needs the model (scripts/fetch-model.sh).

import Embedding
import Foundation
import Testing

@Test(.enabled(if: ProcessInfo.processInfo.environment["SLICEWATCH_BENCH"] == "1" && TestModel.isInstalled,
               "benchmark: set SLICEWATCH_BENCH=1 (and install the model)"))
func embeddingThroughput() throws {
    let env = ProcessInfo.processInfo.environment
    let path = try #require(env["SLICEWATCH_BENCH_PROMPTS"], "set SLICEWATCH_BENCH_PROMPTS to a file of prompts, one per line")
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let prompts = text.split(separator: "\n").map(String.init)
    try #require(!prompts.isEmpty)
    var encoder = try #require(TestModel.encoder)
    if let size = env["SLICEWATCH_BENCH_BATCH"].flatMap({ Int($0) }) { encoder.batchSize = size }
    let tokens = prompts.reduce(0) { $0 + encoder.tokenizer.encode($1).count }
    print("benchmark: \(prompts.count) prompts, \(Double(tokens) / Double(prompts.count)) tokens/prompt on average")
    let clock = ContinuousClock()
    let tokenizing = clock.measure { for p in prompts { _ = encoder.tokenizer.encode(p) } }
    print("benchmark: tokenizer alone \(Int(Double(prompts.count) / seconds(tokenizing))) prompts/s")
    let threadCounts = [1, ProcessInfo.processInfo.activeProcessorCount]
    for threads in Set(threadCounts).sorted() {
        encoder.threadCount = threads
        _ = encoder.embed(Array(prompts.prefix(64)))  // warm-up
        var best = Double.infinity, bestCPU = Double.infinity
        for _ in 0..<3 {
            let cpu0 = processCPUSeconds()
            best = min(best, seconds(clock.measure { _ = encoder.embed(prompts) }))
            bestCPU = min(bestCPU, processCPUSeconds() - cpu0)
        }
        // prompts per CPU-second is less disturbed by other load on the machine than wall-clock prompts/s.
        print("benchmark: \(threads) thread(s): \(Int(Double(prompts.count) / best)) prompts/s wall (best of 3), "
            + "\(Int(Double(prompts.count) / bestCPU)) prompts per CPU-second")
    }
}

private func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// User + system CPU time of the whole process so far.
private func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
}
