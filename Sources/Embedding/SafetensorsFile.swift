// SafetensorsFile: reads the safetensors format (an 8-byte little-endian header length, a JSON header mapping
// tensor names to dtype, shape and byte range, then the raw tensor bytes) and hands out F32 tensors by name.
// The file is read once into a memory-mapped `Data`; tensors are copied out with one memcpy each.

import Foundation
import JSON

/// A parsed safetensors file. Only F32 tensors can be read; asking for another dtype, a missing name or the
/// wrong shape throws an `EmbeddingError` that names the tensor.
public struct SafetensorsFile: Sendable {
    /// One entry of the header.
    public struct TensorInfo: Sendable, Hashable {
        /// The dtype as spelled in the file ("F32", "I64", ...).
        public var dtype: String
        public var shape: [Int]
        /// The tensor's bytes, as offsets into the whole file.
        public var byteRange: Range<Int>
    }

    /// The tensors described by the header, by name (the "__metadata__" entry is left out).
    public let tensors: [String: TensorInfo]
    private let bytes: Data

    /// Maps the file at `path` into memory and parses its header.
    public init(contentsOf path: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw EmbeddingError("cannot read safetensors file \(path): \(error.localizedDescription)")
        }
        try self.init(data: data, name: path)
    }

    /// Parses safetensors bytes already in memory; `name` only appears in error messages.
    public init(data: Data, name: String = "safetensors data") throws {
        guard data.count >= 8 else { throw EmbeddingError("\(name): \(data.count) bytes, too short for a safetensors header") }
        let headerLength = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> UInt64 in
            (0..<8).reduce(UInt64(0)) { acc, i in acc | UInt64(raw[i]) << (8 * UInt64(i)) }
        }
        guard headerLength <= UInt64(data.count - 8) else {
            throw EmbeddingError("\(name): header length \(headerLength) exceeds the file size \(data.count)")
        }
        let dataStart = 8 + Int(headerLength)
        let header: JSONValue
        do {
            header = try data.withUnsafeBytes { raw in
                try JSONParser().parse(UnsafeRawBufferPointer(rebasing: raw[8..<dataStart]).assumingMemoryBound(to: UInt8.self))
            }
        } catch {
            throw EmbeddingError("\(name): header is not valid JSON: \(error)")
        }
        guard let object = header.object else { throw EmbeddingError("\(name): header is not a JSON object") }
        var tensors: [String: TensorInfo] = [:]
        for (key, value) in object where key != "__metadata__" {
            guard let dtype = value["dtype"]?.string,
                  let shape = value["shape"]?.array?.compactMap(\.int), shape.count == value["shape"]?.array?.count,
                  let offsets = value["data_offsets"]?.array?.compactMap(\.int), offsets.count == 2
            else { throw EmbeddingError("\(name): malformed header entry for tensor \(key)") }
            let begin = dataStart + offsets[0], end = dataStart + offsets[1]
            guard offsets[0] >= 0, begin <= end, end <= data.count, shape.allSatisfy({ $0 >= 0 }) else {
                throw EmbeddingError("\(name): tensor \(key) has byte range \(offsets) outside the data section")
            }
            tensors[key] = TensorInfo(dtype: dtype, shape: shape, byteRange: begin..<end)
        }
        self.tensors = tensors
        self.bytes = data
    }

    /// The names of all tensors, sorted.
    public var names: [String] { tensors.keys.sorted() }

    /// Reads the F32 tensor `name`, checking that its shape is `shape`; returns its elements in row-major order.
    /// Assumes a little-endian host, as the format stores little-endian floats.
    public func floats(_ name: String, shape: [Int]) throws -> [Float] {
        guard let info = tensors[name] else { throw EmbeddingError("tensor \(name) is missing from the safetensors file") }
        guard info.dtype == "F32" else { throw EmbeddingError("tensor \(name) has dtype \(info.dtype), expected F32") }
        guard info.shape == shape else { throw EmbeddingError("tensor \(name) has shape \(info.shape), expected \(shape)") }
        let count = shape.reduce(1, *)
        guard info.byteRange.count == count * MemoryLayout<Float>.size else {
            throw EmbeddingError("tensor \(name) spans \(info.byteRange.count) bytes, expected \(count * 4) for shape \(shape)")
        }
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[info.byteRange]))
            }
            initialized = count
        }
    }

    /// Calls `body` with the whole file's bytes (for checksums) without copying them.
    public func withUnsafeFileBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes(body)
    }
}
