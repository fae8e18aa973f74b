// GraderPoolTests: the exec and http graders against a real judge (Tests/Fixtures/graders/judge.py, as a command
// and as a service on 127.0.0.1): scores and reasons with the grader's name and version, the interaction JSON it
// receives (secrets removed), pass/fail against the threshold and the built-in checks, and every failure counted
// without blocking: bad answers, scores out of range, non-zero exits, HTTP 500, timeouts, the hourly budget and
// a full queue.

import Exchange
import Foundation
import Graders
import Quality
import SliceWatchTesting
import Testing

private let judge = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/graders/judge.py").path

private func pick(_ output: String, checks: CheckFailures = CheckFailures()) -> GradePick {
    var i = Interaction(id: "x1", api: .openAIChat)
    i.input = "What is my card limit? my key is sk-proj-abcdefghijklmnopqrstuvwxyz0123456789"
    i.output = output
    i.status = 200
    return GradePick(interaction: i, slice: 2, novel: false, checks: checks, countsInTest: true)
}

private func exec(_ mode: String = "ok", timeout: Double = 10, budget: Int? = nil) -> GraderSettings {
    var g = GraderSettings(name: "judge", version: "1.2", kind: .exec(command: [ScriptServer.python ?? "python3", judge, "--mode", mode]))
    g.timeout = timeout
    g.hourlyBudget = budget
    return g
}

@Suite(.enabled(if: ScriptServer.python != nil, "python3 is not installed (needed for the judge)"))
struct GraderPoolTests {
    @Test func execGraderScoresWithNameAndVersion() {
        let pool = GraderPool(graders: [exec()], passThreshold: 0.5)
        defer { pool.shutdown() }
        pool.submit(pick("Your limit is $5,000."))
        pool.submit(pick("I'm sorry, I can't help with that."))
        let outcomes = pool.drain(timeout: 20).sorted { ($0.scores.first?.score ?? 0) > ($1.scores.first?.score ?? 0) }
        #expect(outcomes.count == 2)
        #expect(outcomes[0].scores == [GraderScore(grader: "judge", version: "1.2", score: 0.9, reason: "answers the question")])
        #expect(outcomes[0].passed == true)
        #expect(outcomes[1].scores.first?.score == 0.1 && outcomes[1].passed == false)
        #expect(pool.status.graders[0].graded == 2)
    }

    @Test func aFailedBuiltInCheckFailsEvenAGoodScore() {
        let pool = GraderPool(graders: [exec()], passThreshold: 0.5)
        defer { pool.shutdown() }
        pool.submit(pick("The first three steps are", checks: CheckFailures([.truncated])))
        let outcome = pool.drain(timeout: 20).first
        #expect(outcome?.scores.first?.score == 0.9)
        #expect(outcome?.passed == false)
    }

    @Test(arguments: ["garbage", "range", "fail"])
    func badAnswersAreCountedFailuresWithoutAVerdict(mode: String) {
        let pool = GraderPool(graders: [exec(mode)], passThreshold: 0.5)
        defer { pool.shutdown() }
        pool.submit(pick("fine"))
        let outcome = pool.drain(timeout: 20).first
        #expect(outcome?.passed == nil)
        #expect(outcome?.failures.count == 1)
        let status = pool.status.graders[0]
        #expect(status.failures == 1 && status.graded == 0)
        let message = status.lastError ?? ""
        switch mode {
        case "garbage": #expect(message.contains("not JSON"))
        case "range": #expect(message.contains("outside 0...1"))
        default: #expect(message.contains("status 3"))
        }
    }

    @Test func aSlowGraderTimesOutAndTheQueueNeverBlocks() {
        var slow = exec("sleep", timeout: 0.5)
        slow.concurrency = 1
        let pool = GraderPool(graders: [slow], passThreshold: 0.5, queueLimit: 2)
        defer { pool.shutdown() }
        let started = Date()
        let accepted = (0..<6).map { _ in pool.submit(pick("fine")) }.filter { $0 }.count
        #expect(Date().timeIntervalSince(started) < 0.5)  // submit returned at once
        #expect(accepted <= 3)  // one running, two queued
        #expect(pool.status.dropped == 6 - accepted)
        let outcomes = pool.drain(timeout: 30)
        #expect(outcomes.count == accepted)
        #expect(pool.status.graders[0].lastError?.contains("no answer within 0.5 s") == true)
    }

    @Test func theHourlyBudgetSkipsGradingOnceSpent() {
        let pool = GraderPool(graders: [exec(budget: 2)], passThreshold: 0.5)
        defer { pool.shutdown() }
        for _ in 0..<4 { pool.submit(pick("fine")) }
        let outcomes = pool.drain(timeout: 30)
        #expect(outcomes.count == 4)
        #expect(outcomes.filter { $0.passed != nil }.count == 2)
        #expect(pool.status.graders[0].overBudget == 2)
    }

    @Test func httpGraderPostsTheScrubbedInteraction() throws {
        let server = try ScriptServer(script: judge, arguments: ["--http"])
        let g = GraderSettings(name: "llm-judge", version: "gpt-judge-3", kind: .http(url: server.url("/grade").absoluteString, headers: ["Authorization": "Bearer x"]))
        let pool = GraderPool(graders: [g], passThreshold: 0.5)
        defer { pool.shutdown() }
        pool.submit(pick(""))
        let outcome = try #require(pool.drain(timeout: 20).first)
        #expect(outcome.scores == [GraderScore(grader: "llm-judge", version: "gpt-judge-3", score: 0, reason: "empty answer")])
        #expect(outcome.passed == false)
        let bodies = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: server.url("/requests"))) as? [String])
        #expect(bodies.count == 1)
        #expect(bodies[0].contains("What is my card limit"))
        #expect(!bodies[0].contains("sk-proj-abcdefghij"))  // secrets never leave
    }

    @Test func httpGraderErrorsAreCounted() throws {
        let server = try ScriptServer(script: judge, arguments: ["--http", "--mode", "fail"])
        let pool = GraderPool(graders: [GraderSettings(name: "j", kind: .http(url: server.url("/").absoluteString, headers: [:]))], passThreshold: 0.5)
        defer { pool.shutdown() }
        pool.submit(pick("fine"))
        #expect(pool.drain(timeout: 20).first?.passed == nil)
        #expect(pool.status.graders[0].lastError?.contains("HTTP 500") == true)
    }

    @Test func configurationMistakesAreCaughtUpFront() {
        #expect(throws: GraderError.self) { try GraderPool.validate([GraderSettings(name: "e", kind: .exec(command: []))]) }
        #expect(throws: (any Error).self) { try GraderPool.validate([GraderSettings(name: "h", kind: .http(url: "ftp://x", headers: [:]))]) }
    }
}
