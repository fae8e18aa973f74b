// SafetensorsFile: reads the safetensors format (an 8-byte little-endian header length, a JSON header mapping
// tensor names to dtype, shape and byte range, then the raw tensor bytes) and hands out F32 tensors by name.
// The file is memory-mapped; tensors are copied out with one memcpy each, and the pages already copied (or
// hashed) are handed back to the kernel, so loading a model costs its arrays, not the arrays plus the file.

import Digest
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
    /// True when `bytes` is this file's own private read-only mapping (pages may then be released).
    private var mapped = false

    /// Maps the file at `path` into memory and parses its header.
    public init(contentsOf path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw EmbeddingError("cannot read safetensors file \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw EmbeddingError("cannot stat safetensors file \(path)") }
        let size = Int(info.st_size)
        guard size > 0, let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            throw EmbeddingError("cannot map safetensors file \(path) (\(size) bytes)")
        }
        try self.init(data: Data(bytesNoCopy: base, count: size, deallocator: .unmap), name: path)
        mapped = true
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
        let floats = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[info.byteRange]))
            }
            initialized = count
        }
        release(info.byteRange)
        return floats
    }

    /// The F32 matrix `name` of shape [rows, width], read in place from this file's mapping (see MappedFloatRows);
    /// nil when the file was not mapped by this type or the data is not 4-byte aligned (then use `floats`).
    public func mappedRows(_ name: String, rows: Int, width: Int) throws -> MappedFloatRows? {
        guard let info = tensors[name] else { throw EmbeddingError("tensor \(name) is missing from the safetensors file") }
        guard info.dtype == "F32" else { throw EmbeddingError("tensor \(name) has dtype \(info.dtype), expected F32") }
        guard info.shape == [rows, width], info.byteRange.count == rows * width * MemoryLayout<Float>.size else {
            throw EmbeddingError("tensor \(name) has shape \(info.shape), expected \([rows, width])")
        }
        guard mapped, info.byteRange.lowerBound % MemoryLayout<Float>.alignment == 0 else { return nil }
        let table = MappedFloatRows(mapping: bytes, offset: info.byteRange.lowerBound, rows: rows, width: width)
        table.release()
        return table
    }

    /// SHA-256 of the whole file, hex (pages are released as they are hashed).
    public func sha256Hex() -> String {
        bytes.withUnsafeBytes { raw in
            var released = 0
            return SHA256.hex(raw) { done in
                release(released..<done)
                released = done
            }
        }
    }

    /// Tells the kernel the whole pages inside `range` are no longer needed (they are re-read from the file if
    /// touched again). Only for this type's own mapping.
    private func release(_ range: Range<Int>) {
        guard mapped, !range.isEmpty else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (range.lowerBound + page - 1) / page * page
        let end = range.upperBound / page * page
        guard end > start else { return }
        bytes.withUnsafeBytes { raw in
            _ = madvise(UnsafeMutableRawPointer(mutating: raw.baseAddress! + start), end - start, MADV_DONTNEED)
        }
    }
}
