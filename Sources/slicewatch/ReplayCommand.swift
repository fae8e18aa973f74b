// ReplayCommand: `slicewatch replay` — a capture (or an interaction log) replayed against a baseline in windows
// of packet time or count: per-window reports and alert events (text or JSON lines), and a summary at the end.
// Deterministic: packet time drives the windows and the embedding sampler.

import ArgumentParser
import Baseline
import Config
import Drift
import Embedding
import Exchange
import Foundation
import Graders
import JSON
import Quality
import Sidecar

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a capture or an interaction log against a baseline and report drift, window by window."
    )

    @Argument(help: ArgumentHelp("A capture file (pcap or pcapng).", valueName: "file"))
    var file: String?

    @Option(
        name: .customLong("from-jsonl"),
        help: ArgumentHelp("Replay logged interactions (slicewatch's interaction JSON lines) instead of a capture.", valueName: "file"))
    var log: String?

    @Option(help: ArgumentHelp("The baseline file (slicewatch baseline build).", valueName: "file"))
    var baseline: String

    @Option(help: ArgumentHelp("Window: a count of interactions (500) or packet time (30s, 5m, 1h).", valueName: "size"))
    var window = "500"

    @Option(help: "Output: text (readable) or json (JSON lines: window, alert and summary objects).")
    var format: OutputFormat = .text

    @Flag(help: "Exit with status 3 when any alert fired.")
    var failOnAlert = false

    @Option(
        help: ArgumentHelp(
            "Expected interval between false alarms of all tests together: time at the observed rate (30d, 12h) or interactions (1000000).",
            valueName: "interval"))
    var falseAlarmEvery = "30d"

    @Option(help: ArgumentHelp("Interactions embedded per second of packet time, a uniform sample beyond it (0: all).", valueName: "n"))
    var embedRate = 200

    @Option(
        help: ArgumentHelp(
            "Normal traffic (.pcap or interactions .jsonl) replayed first in the same windows to measure how far each test strays on it; scores are shrunk by that dispersion.",
            valueName: "file"))
    var calibrate: String?

    @Option(help: "Windows a finding must hold before its alert fires.") var firingAfter = 2
    @Option(help: "Quiet windows before a firing alert resolves.") var resolvingAfter = 3
    @Option(help: "Windows after a resolve before the same alert may fire again.") var cooldown = 6

    @Option(help: ArgumentHelp("Answers slower than this fail the latency check (30s; 0 turns it off).", valueName: "duration"))
    var latencyObjective = "30s"

    @Option(help: ArgumentHelp("Refusal phrases, one a line, replacing the built-in list.", valueName: "file"))
    var refusalPhrases: String?

    @Option(help: ArgumentHelp("Shell command grading one interaction JSON on stdin; prints {\"score\": 0..1, \"reason\": ...}.", valueName: "command"))
    var graderCommand: String?

    @Option(help: ArgumentHelp("HTTP grader: the interaction JSON is POSTed, the answer is like the command's.", valueName: "url"))
    var graderURL: String?

    @Option(help: ArgumentHelp("Percent of embedded interactions sent to the graders.", valueName: "n"))
    var gradePercent = 5

    @Option(help: ArgumentHelp("Graded interactions per slice and window at least (topped up at the window's end).", valueName: "n"))
    var gradeMinimum = 3

    @Flag(help: "Do not test slices' pass rates (the checks still run and are reported).")
    var noQualityTests = false

    @OptionGroup var embedding: EmbeddingOptions

    enum OutputFormat: String, ExpressibleByArgument { case text, json }

    func validate() throws {
        guard (file == nil) != (log == nil) else { throw ValidationError("give a capture FILE or --from-jsonl FILE (one of them)") }
        _ = try Self.parseWindow(window)
        _ = try Self.parseInterval(falseAlarmEvery)
        guard embedRate >= 0 else { throw ValidationError("--embed-rate must be 0 (all) or positive") }
        guard Durations.parse(latencyObjective) != nil || latencyObjective == "0" else {
            throw ValidationError("--latency-objective \"\(latencyObjective)\": expected a duration (30s, 2m) or 0")
        }
        guard (0...100).contains(gradePercent), gradeMinimum >= 0 else {
            throw ValidationError("--grade-percent must be 0...100 and --grade-minimum at least 0")
        }
        guard firingAfter >= 1, resolvingAfter >= 1, cooldown >= 0 else {
            throw ValidationError("--firing-after and --resolving-after must be at least 1, --cooldown at least 0")
        }
    }

    /// "500" -> 500 interactions; "30s", "5m", "1h" -> packet time.
    static func parseWindow(_ text: String) throws -> WindowSpec {
        if let n = Int(text) {
            guard n >= 1 else { throw ValidationError("--window \(text): a window holds at least 1 interaction") }
            return .count(n)
        }
        guard let seconds = Durations.parse(text), seconds > 0 else {
            throw ValidationError("--window \"\(text)\": expected a count (500) or a duration (30s, 5m, 1h)")
        }
        return .duration(seconds: seconds)
    }

    /// "30d", "12h" -> seconds; "1000000" -> interactions.
    static func parseInterval(_ text: String) throws -> FalseAlarmInterval {
        if let n = Int(text) {
            guard n >= 1 else { throw ValidationError("--false-alarm-every \(text) must be positive") }
            return .interactions(n)
        }
        guard let seconds = Durations.parse(text), seconds > 0 else {
            throw ValidationError("--false-alarm-every \"\(text)\": expected a duration (30d, 12h, 90m) or a count of interactions")
        }
        return .seconds(seconds)
    }

    /// Interactions from a log (.jsonl) or a capture; problems go to stderr.
    static func readInteractions(_ path: String) throws -> [Interaction] {
        try InteractionFile.read(path) { printError("slicewatch: \(path): \($0)") }
    }

    func run() throws {
        var settings = DriftSettings()
        settings.window = try Self.parseWindow(window)
        settings.falseAlarms = try Self.parseInterval(falseAlarmEvery)
        settings.embeddingRate = embedRate == 0 ? nil : embedRate
        settings.firingAfter = firingAfter
        settings.resolvingAfter = resolvingAfter
        settings.cooldown = cooldown
        settings.qualityTests = !noQualityTests
        var section = QualitySection()
        section.settings.latencyObjectiveOrZero = latencyObjective == "0" ? 0 : Durations.parse(latencyObjective) ?? 30
        section.settings.samplePercent = gradePercent
        section.settings.minimumPerSlice = gradeMinimum
        section.refusalPhrasesFile = refusalPhrases
        section.graderCommand = graderCommand
        section.graderURL = graderURL.flatMap(URL.init(string:))
        let quality: QualitySettings
        do {
            quality = try section.loadedSettings()
            try GraderPool.validate(section.graders)
        } catch {
            printError("slicewatch: \(error)")
            throw ExitCode(2)
        }

        let (document, embedder) = try ReplaySource.loadBaseline(baseline, embedding: embedding)
        if document.embedder.kind == "hashed-ngrams" {
            printError("slicewatch: warning: \(baseline) uses hashed n-grams; novelty is much weaker than with the sentence encoder")
        }
        let session = DriftSession(
            reference: BaselineReference(document), settings: settings, format: format == .json ? .json : .text,
            observer: InteractionObserver(
                baseline: document, embedder: embedder, sampler: EmbeddingSampler(ratePerSecond: settings.embeddingRate)),
            write: { text in FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8)) })
        session.observer.configureQuality(quality)
        let pool = section.graders.isEmpty ? nil : GraderPool(graders: section.graders, passThreshold: quality.passThreshold)
        defer { pool?.shutdown() }
        if let pool { session.useGraders(pool, settings: quality, waitForGrades: true) }
        for warning in session.windowSizeWarnings() { printError("slicewatch: warning: \(warning)") }
        if let calibrate {
            let interactions: [Interaction]
            do { interactions = try Self.readInteractions(calibrate) } catch {
                printError("slicewatch: \(error)")
                throw ExitCode(1)
            }
            let calibrationObserver = InteractionObserver(
                baseline: document, embedder: embedder, sampler: EmbeddingSampler(ratePerSecond: settings.embeddingRate))
            calibrationObserver.configureQuality(quality)
            let calibration = session.calibrate(with: interactions, observer: calibrationObserver)
            let inflated = calibration.adjustments.sorted { $0.value.shift + $0.value.scale > $1.value.shift + $1.value.scale }
            printError(
                "slicewatch: calibration on \(calibrate): \(interactions.count) interactions, \(calibration.windows) windows; "
                    + (calibration.windows < Calibration.minimumWindows
                        ? "too few windows (need \(Calibration.minimumWindows)), no factors applied"
                        : inflated.isEmpty ? "every test within its nominal spread"
                        : "scores adjusted for " + inflated.prefix(8).map {
                            String(format: "%@ (shift %.1f, scale %.2f)", $0.key, $0.value.shift, $0.value.scale)
                        }.joined(separator: ", ")))
        }

        let endError = try ReplaySource.feed(capture: file, log: log, into: session)
        if let endError { printError("slicewatch: \(endError) (the report covers what was read)") }
        if session.received == 0 { printError("slicewatch: no model calls found in \(file ?? log ?? "")") }
        if failOnAlert && session.monitor.firedCount > 0 { throw ExitCode(3) }
    }
}
