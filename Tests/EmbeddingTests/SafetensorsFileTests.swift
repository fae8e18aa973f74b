// SafetensorsFileTests: parses small safetensors files written by the test: F32 tensors by name with their shape,
// the header's metadata entry, and clear errors for missing or mis-shaped tensors, other dtypes, and damaged files.

import Digest
import Embedding
import Foundation
import Testing

struct SafetensorsFileTests {
    /// Builds a safetensors byte image: 8-byte little-endian header length, JSON header, then the data section.
    static func image(header: String, data: [UInt8]) -> Data {
        let h = Array(header.utf8)
        var bytes = (0..<8).map { UInt8(truncatingIfNeeded: UInt64(h.count) >> (8 * UInt64($0))) }
        bytes += h + data
        return Data(bytes)
    }

    static let matrix: [Float] = [1, -2, 3.5, 0, 1e-7, -65504]
    static var sample: Data {
        let floats = matrix.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }
        let ints = withUnsafeBytes(of: Int64(7).littleEndian, Array.init)
        let header = #"{"__metadata__":{"format":"pt"},"m":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},"#
            + #""i":{"dtype":"I64","shape":[1],"data_offsets":[24,32]},"v":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}  "#
        return image(header: header, data: floats + ints)
    }

    @Test func readsF32TensorsByName() throws {
        let file = try SafetensorsFile(data: Self.sample)
        #expect(file.names == ["i", "m", "v"])
        #expect(try file.floats("m", shape: [2, 3]) == Self.matrix)
        #expect(try file.floats("v", shape: [2]) == [-2, 3.5])
        #expect(file.tensors["i"]?.dtype == "I64")
    }

    @Test func readsFromDisk() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("st-\(UUID().uuidString).safetensors").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.sample.write(to: URL(fileURLWithPath: path))
        let file = try SafetensorsFile(contentsOf: path)
        #expect(try file.floats("m", shape: [2, 3]) == Self.matrix)
        #expect(throws: EmbeddingError.self) { try SafetensorsFile(contentsOf: path + ".missing") }
    }

    @Test func missingMisShapedAndOtherDtypesThrowClearly() throws {
        let file = try SafetensorsFile(data: Self.sample)
        #expect(throws: EmbeddingError("tensor nope is missing from the safetensors file")) { try file.floats("nope", shape: [1]) }
        #expect(throws: EmbeddingError("tensor m has shape [2, 3], expected [3, 2]")) { try file.floats("m", shape: [3, 2]) }
        #expect(throws: EmbeddingError("tensor i has dtype I64, expected F32")) { try file.floats("i", shape: [1]) }
    }

    @Test func damagedFilesAreRejected() {
        #expect(throws: EmbeddingError.self) { try SafetensorsFile(data: Data([1, 2, 3])) }
        // Header length larger than the file.
        #expect(throws: EmbeddingError.self) { try SafetensorsFile(data: Data([255, 0, 0, 0, 0, 0, 0, 0, 0x7B, 0x7D])) }
        #expect(throws: EmbeddingError.self) { try SafetensorsFile(data: Self.image(header: "{not json", data: [])) }
        #expect(throws: EmbeddingError.self) { try SafetensorsFile(data: Self.image(header: "[]", data: [])) }
        // Byte range past the end of the data section.
        #expect(throws: EmbeddingError.self) {
            try SafetensorsFile(data: Self.image(header: #"{"t":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, data: [0, 0, 0, 0]))
        }
        // Byte range inconsistent with the shape is caught when the tensor is read.
        #expect(throws: EmbeddingError.self) {
            try SafetensorsFile(data: Self.image(header: #"{"t":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]))
                .floats("t", shape: [2])
        }
        #expect(throws: EmbeddingError.self) {
            try SafetensorsFile(data: Self.image(header: #"{"t":{"dtype":"F32","shape":"x","data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]))
        }
    }

    @Test func sha256MatchesKnownDigests() {
        func hex(_ s: String) -> String { Array(s.utf8).withUnsafeBytes { SHA256.hex($0) } }
        #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(hex(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
