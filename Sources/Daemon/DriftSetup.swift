// DriftSetup: everything built from the configuration's baseline section — the baseline file, its embedder,
// the reference, drift and quality settings, and a fresh observer — once at start and again on every reload.

import Baseline
import Config
import Drift
import Embedding
import Foundation
import Quality

/// A loaded baseline with what detection needs from it.
struct DriftSetup: @unchecked Sendable {
    let document: BaselineDocument
    let reference: BaselineReference
    let embedder: any Embedder
    let settings: DriftSettings
    /// The answer checks' settings, refusal phrases loaded.
    let quality: QualitySettings
    let path: String

    /// Loads the baseline and its embedder; throws a message naming the file and what failed.
    init(configuration: SidecarConfiguration, environment: [String: String]) throws {
        path = configuration.baseline.path
        do {
            document = try BaselineDocument(contentsOf: path)
        } catch {
            throw DaemonError("baseline.path \(path): \(error)")
        }
        var endpoint: EmbeddingEndpoint?
        if let url = configuration.embedding.url {
            guard let model = configuration.embedding.model ?? document.embedder.endpointModel else {
                throw DaemonError("embedding.url is set but embedding.model is not (the model the endpoint serves)")
            }
            endpoint = EmbeddingEndpoint(
                url: url, model: model, batchSize: configuration.embedding.batch,
                timeout: .milliseconds(Int(configuration.embedding.timeout * 1000)),
                apiKey: environment["SLICEWATCH_EMBEDDING_API_KEY"])
        }
        do {
            var made = try document.makeEmbedder(modelDirectory: configuration.embedding.modelDirectory, endpoint: endpoint)
            if var encoder = made as? MiniLMEncoder {
                // A sidecar embeds a few dozen inputs a second: one thread and small forward passes keep the
                // per-call workspace (about 15 KB a token) to a few megabytes instead of tens.
                encoder.threadCount = 1
                encoder.batchTokens = 128
                made = encoder
            }
            embedder = made
        } catch {
            throw DaemonError("the embedder of \(path): \(error)")
        }
        reference = BaselineReference(document)
        settings = configuration.drift
        do { quality = try configuration.quality.loadedSettings() } catch { throw DaemonError("\(error)") }
    }

    /// A new observer over this baseline (its sampler starts fresh).
    func makeObserver() -> InteractionObserver {
        let observer = InteractionObserver(
            baseline: document, embedder: embedder, sampler: EmbeddingSampler(ratePerSecond: settings.embeddingRate))
        observer.passesInteractions = true
        observer.configureQuality(quality)
        return observer
    }
}

/// A start-up or reload failure, with a message for the log.
public struct DaemonError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
