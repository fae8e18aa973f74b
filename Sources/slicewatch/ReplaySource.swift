// ReplaySource: a capture (.pcap/.pcapng) or an interaction log (.jsonl) run through a drift session against a
// baseline, for the commands that want its windows and observations (replay, export, report). Problems go to
// stderr; the session sees everything that could be read.

import ArgumentParser
import Baseline
import Capture
import Drift
import Embedding
import Exchange
import Foundation
import Sidecar

enum ReplaySource {
    /// The baseline file and the embedder it was built with (exit status 1, with a message, when either fails).
    static func loadBaseline(_ path: String, embedding: EmbeddingOptions) throws -> (BaselineDocument, any Embedder) {
        do {
            let document = try BaselineDocument(contentsOf: path)
            let embedder = try document.makeEmbedder(
                modelDirectory: embedding.modelDirectory,
                endpoint: try embedding.endpoint(defaultModel: document.embedder.endpointModel))
            return (document, embedder)
        } catch {
            printError("slicewatch: \(error)")
            throw ExitCode(1)
        }
    }

    /// Whether `path` is an interaction log rather than a capture.
    private static func isLog(_ path: String) -> Bool { path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") }

    /// A session over `document` that prints nothing, for commands that read its windows and observations;
    /// `passesInteractions` hands each interaction on with its observation.
    static func silentSession(
        _ document: BaselineDocument, embedder: any Embedder, settings: DriftSettings, passesInteractions: Bool = false
    ) -> DriftSession {
        let observer = InteractionObserver(
            baseline: document, embedder: embedder, sampler: EmbeddingSampler(ratePerSecond: settings.embeddingRate))
        observer.passesInteractions = passesInteractions
        return DriftSession(
            reference: BaselineReference(document), settings: settings, format: .json, observer: observer, write: { _ in })
    }

    /// Feeds `path` — an interaction log by its extension, else a capture — to `session`; a read that ended early
    /// is reported on stderr, saying that `product` covers what was read.
    static func feed(_ path: String, into session: DriftSession, product: String) throws {
        let log = isLog(path)
        if let endError = try feed(capture: log ? nil : path, log: log ? path : nil, into: session) {
            printError("slicewatch: \(endError) (the \(product) covers what was read)")
        }
    }

    /// Feeds a capture or a log to `session` and finishes it; returns why reading stopped early, if it did.
    /// Exit status 1 when the file cannot be opened.
    @discardableResult
    static func feed(capture file: String? = nil, log: String? = nil, into session: DriftSession) throws -> String? {
        let started = Date()
        if let log {
            do {
                _ = try InteractionLogReader.read(
                    path: log, emit: { session.add($0) }, problem: { printError("slicewatch: \(log): \($0)") })
            } catch {
                printError("slicewatch: cannot read \(error)")
                throw ExitCode(1)
            }
            session.finish(source: log, seconds: Date().timeIntervalSince(started))
            return nil
        }
        guard let file else { return nil }
        let runner: CaptureRunner
        do { runner = try CaptureRunner(.file(file)) } catch {
            printError("slicewatch: \(error)")
            throw ExitCode(1)
        }
        var registry = AdapterRegistry.standard()
        let stage = DriftStage(session: session)
        let summary = runner.run { exchange in
            if let interaction = registry.interaction(for: exchange) { stage.submit(interaction) }
        }
        stage.finish(source: file, seconds: { Date().timeIntervalSince(started) })
        return summary.endError.map { "\($0)" }
    }
}
