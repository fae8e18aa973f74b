// GraderPool: runs the external graders on picked interactions in the background — a bounded queue, worker
// threads, a concurrency limit, timeout and hourly budget per grader — and hands the outcomes back to the drift
// session when it asks. Grader failures (exit status, timeout, bad answer, HTTP error) are counted and reported,
// never thrown at the caller; a full queue drops the pick (counted) instead of blocking capture.

import Exchange
import Foundation
import Quality
import Sinks

/// Counters of one grader.
public struct GraderStatus: Sendable, Hashable {
    public var name: String
    public var version: String?
    public var graded = 0
    public var failures = 0
    /// Picks this grader skipped because its hourly budget was spent.
    public var overBudget = 0
    public var lastError: String?
}

/// The external graders behind a `GradingQueue`.
public final class GraderPool: GradingQueue, @unchecked Sendable {
    public let graders: [GraderSettings]
    public let passThreshold: Double
    public let queueLimit: Int
    private let condition = NSCondition()
    private var queue: [GradePick] = []
    private var queueHead = 0
    private var running = 0
    private var done: [GradeOutcome] = []
    private var stopping = false
    private var statuses: [GraderStatus]
    private var active: [Int]
    private var starts: [[Date]]
    private var threads: [Thread] = []
    private let delivery: [HTTPDelivery?]
    /// Picks submitted, and dropped because the queue was full.
    private var submittedCount = 0
    private var droppedCount = 0

    public init(graders: [GraderSettings], passThreshold: Double, queueLimit: Int = 1_000) {
        self.graders = graders
        self.passThreshold = passThreshold
        self.queueLimit = max(1, queueLimit)
        statuses = graders.map { GraderStatus(name: $0.name, version: $0.version) }
        active = [Int](repeating: 0, count: graders.count)
        starts = [[Date]](repeating: [], count: graders.count)
        delivery = graders.map {
            if case .http = $0.kind { HTTPDelivery(settings: DeliverySettings(timeout: $0.timeout, retries: 0)) } else { nil }
        }
        let workers = max(1, graders.map(\.concurrency).max() ?? 1)
        for n in 0..<workers {
            let thread = Thread { [unowned self] in self.work() }
            thread.name = "slicewatch-grader-\(n)"
            threads.append(thread)
            thread.start()
        }
    }

    /// Checks what can be checked before the first pick: URLs parse, commands are not empty.
    public static func validate(_ graders: [GraderSettings]) throws {
        for g in graders {
            switch g.kind {
            case .exec(let command) where command.first?.isEmpty ?? true:
                throw GraderError("grader \(g.name): the command is empty")
            case .http(let url, _):
                _ = try httpURL(url, what: "grader \(g.name)")
            default: break
            }
        }
    }

    public var status: (submitted: Int, dropped: Int, pending: Int, graders: [GraderStatus]) {
        condition.lock()
        defer { condition.unlock() }
        return (submittedCount, droppedCount, queue.count - queueHead + running, statuses)
    }

    @discardableResult
    public func submit(_ pick: GradePick) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping, queue.count - queueHead < queueLimit else {
            droppedCount += 1
            return false
        }
        submittedCount += 1
        queue.append(pick)
        condition.broadcast()
        return true
    }

    public func completed() -> [GradeOutcome] {
        condition.lock()
        defer { condition.unlock() }
        let out = done
        done.removeAll()
        return out
    }

    public func drain(timeout: Double) -> [GradeOutcome] {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        while queue.count - queueHead + running > 0 && condition.wait(until: deadline) {}
        let out = done
        done.removeAll()
        condition.unlock()
        return out
    }

    /// Stops the workers after the gradings running now; queued picks are dropped.
    public func shutdown() {
        condition.lock()
        stopping = true
        droppedCount += queue.count - queueHead
        queue.removeAll()
        queueHead = 0
        condition.broadcast()
        condition.unlock()
        for d in delivery { d?.invalidate() }
    }

    private func work() {
        while true {
            condition.lock()
            while !stopping && queueHead == queue.count { condition.wait() }
            if stopping {
                condition.unlock()
                return
            }
            let pick = queue[queueHead]
            queueHead += 1
            if queueHead > 1024 && queueHead * 2 > queue.count {
                queue.removeFirst(queueHead)
                queueHead = 0
            }
            running += 1
            condition.unlock()

            var scores: [GraderScore] = []
            var failures: [String] = []
            for index in graders.indices {
                guard acquire(index) else { continue }
                let result = Result { () throws(GraderError) -> GraderScore in try grade(pick.interaction, with: index) }
                release(index, result)
                switch result {
                case .success(let score): scores.append(score)
                case .failure(let error): failures.append(error.message)
                }
            }
            condition.lock()
            running -= 1
            done.append(GradeOutcome(pick: pick, scores: scores, failures: failures, passThreshold: passThreshold))
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Waits for a free slot of grader `index`; false when its hourly budget is spent (counted) or stopping.
    private func acquire(_ index: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let g = graders[index]
        if let budget = g.hourlyBudget {
            let hourAgo = Date(timeIntervalSinceNow: -3600)
            starts[index].removeAll { $0 < hourAgo }
            if starts[index].count >= budget {
                statuses[index].overBudget += 1
                return false
            }
        }
        while !stopping && active[index] >= max(1, g.concurrency) { condition.wait() }
        guard !stopping else { return false }
        active[index] += 1
        if g.hourlyBudget != nil { starts[index].append(Date()) }
        return true
    }

    private func release(_ index: Int, _ result: Result<GraderScore, GraderError>) {
        condition.lock()
        active[index] -= 1
        switch result {
        case .success: statuses[index].graded += 1
        case .failure(let error):
            statuses[index].failures += 1
            statuses[index].lastError = error.message
        }
        condition.broadcast()
        condition.unlock()
    }

    private func grade(_ interaction: Interaction, with index: Int) throws(GraderError) -> GraderScore {
        let g = graders[index]
        let body = GraderAnswer.body(interaction)
        switch g.kind {
        case .exec(let command):
            let result: ChildResult
            do {
                result = try ChildProcess.run(
                    argv: command, environment: ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SLICEWATCH_") },
                    input: body, timeout: g.timeout, outputLimit: 64 * 1024, shouldStop: { [unowned self] in self.isStopping })
            } catch { throw GraderError("\(g.name): cannot run \(command.first ?? ""): \(error)") }
            if result.timedOut { throw GraderError("\(g.name): no answer within \(g.timeout) s") }
            guard result.exitStatus == 0 else {
                let output = String(decoding: result.output.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                throw GraderError("\(g.name): exited with " + (result.signal.map { "signal \($0)" } ?? "status \(result.exitStatus ?? -1)")
                    + (output.isEmpty ? "" : ": \(output)"))
            }
            return try GraderAnswer.parse(result.output, grader: g)
        case .http(let text, let headers):
            let url: URL
            do { url = try httpURL(text, what: "grader \(g.name)") } catch { throw GraderError("\(error)") }
            var all = headers
            all["Content-Type"] = "application/json"
            let (attempt, answer) = delivery[index]!.exchange(url, body: Data(body), headers: all)
            guard attempt == .success else {
                switch attempt {
                case .retryable(let m, _), .permanent(let m): throw GraderError("\(g.name): \(m)")
                case .success: break
                }
                throw GraderError("\(g.name): failed")
            }
            return try GraderAnswer.parse(Array(answer), grader: g)
        }
    }

    private var isStopping: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopping
    }
}
