// MappedFloatRows: a [rows, width] F32 tensor read in place from a memory-mapped safetensors file — for the
// word-embedding table, of which one batch touches a few hundred rows. The pages touched are handed back to the
// kernel after every call (`release`), so the table costs resident memory only while it is read, and its
// values are the file's own (no rounding).

import Foundation

/// Rows of floats inside a file mapping that this value keeps alive.
public struct MappedFloatRows: @unchecked Sendable {
    private let mapping: Data
    private let offset: Int
    public let rows: Int
    public let width: Int

    init(mapping: Data, offset: Int, rows: Int, width: Int) {
        self.mapping = mapping
        self.offset = offset
        self.rows = rows
        self.width = width
    }

    /// Calls `body` with the table's first float; row `r` starts `r * width` floats later.
    public func withBase<T>(_ body: (UnsafePointer<Float>) throws -> T) rethrows -> T {
        try mapping.withUnsafeBytes { raw in
            try body((raw.baseAddress! + offset).assumingMemoryBound(to: Float.self))
        }
    }

    /// Drops the table's resident pages; the next read faults them back in from the page cache or the file.
    public func release() {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (offset + page - 1) / page * page
        let end = (offset + rows * width * MemoryLayout<Float>.size) / page * page
        guard end > start else { return }
        mapping.withUnsafeBytes { raw in
            _ = madvise(UnsafeMutableRawPointer(mutating: raw.baseAddress! + start), end - start, MADV_DONTNEED)
        }
    }
}
