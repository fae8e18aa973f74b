// Gzip: compresses test bodies with zlib (gzip or zlib/deflate wrappers) so decoders are tested on
// real compressed bytes.

import CZlib

/// The container zlib writes around deflate data.
public enum CompressionFormat: Sendable {
    case gzip
    case zlib
    case rawDeflate

    var windowBits: Int32 {
        switch self {
        case .gzip: 15 + 16
        case .zlib: 15
        case .rawDeflate: -15
        }
    }
}

/// Compresses `input` in one go.
public func compress(_ input: [UInt8], format: CompressionFormat = .gzip) -> [UInt8] {
    var stream = z_stream()
    let initResult = deflateInit2_(
        &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, format.windowBits, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
        Int32(MemoryLayout<z_stream>.size))
    precondition(initResult == Z_OK, "deflateInit2 failed")
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 64)
    var source = input
    let produced = source.withUnsafeMutableBufferPointer { src in
        output.withUnsafeMutableBufferPointer { dst in
            stream.next_in = src.baseAddress
            stream.avail_in = UInt32(src.count)
            stream.next_out = dst.baseAddress
            stream.avail_out = UInt32(dst.count)
            let r = deflate(&stream, Z_FINISH)
            precondition(r == Z_STREAM_END, "deflate did not finish")
            return dst.count - Int(stream.avail_out)
        }
    }
    return Array(output.prefix(produced))
}
