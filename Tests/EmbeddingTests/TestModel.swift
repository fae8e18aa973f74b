// TestModel: where the Embedding tests find the real model (env SLICEWATCH_MODEL_DIR, else models/all-MiniLM-L6-v2
// in the repository, located from this file's path) and the committed reference fixture; loads the encoder once.

import Embedding
import Foundation
import JSON
import Testing

enum TestModel {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let directory: String = ProcessInfo.processInfo.environment["SLICEWATCH_MODEL_DIR"]
        ?? repositoryRoot.appendingPathComponent("models/all-MiniLM-L6-v2").path

    /// True when the three model files are present (scripts/fetch-model.sh installs them).
    static let isInstalled: Bool = ["config.json", "vocab.txt", "model.safetensors"].allSatisfy {
        FileManager.default.fileExists(atPath: URL(fileURLWithPath: directory).appendingPathComponent($0).path)
    }

    /// The encoder, loaded on first use and shared by all tests (loading copies ~90 MB of weights).
    static let encoder: MiniLMEncoder? = try? MiniLMEncoder(directory: directory)

    struct ReferenceCase: Sendable {
        var text: String
        var ids: [Int]
        var embedding: [Float]
    }

    /// Tests/Fixtures/embeddings/reference.json, written by scripts/reference_embeddings.py.
    static func referenceCases() throws -> [ReferenceCase] {
        let path = repositoryRoot.appendingPathComponent("Tests/Fixtures/embeddings/reference.json").path
        let data = try #require(FileManager.default.contents(atPath: path))
        let root = try JSONParser().parse([UInt8](data))
        return try #require(root["cases"]?.array).map { c in
            ReferenceCase(text: try #require(c["text"]?.string),
                          ids: try #require(c["ids"]?.array).map { try #require($0.int) },
                          embedding: try #require(c["embedding"]?.array).map { Float(try #require($0.double)) })
        }
    }
}

