// Inflater: streaming zlib inflation for gzip and deflate bodies, fed piece by piece as body bytes
// arrive, with a hard cap on output and on the inflate ratio so a compression bomb stays bounded.
// zlib streams are recycled through a small process-wide pool: setting one up (state, 32 KiB window,
// scratch) cost more than inflating a typical 500-byte JSON answer.

import CZlib
import Synchronization

/// A zlib inflate stream and its output scratch, kept across bodies (reset, not rebuilt, for the next one).
private final class ZStream: @unchecked Sendable {
    static let scratchSize = 16 * 1024
    let stream: UnsafeMutablePointer<z_stream>
    let scratch: UnsafeMutablePointer<UInt8>
    var initialised = false

    init() {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        scratch = .allocate(capacity: Self.scratchSize)
    }

    /// Ready for a new body with `windowBits`; false when zlib refuses.
    func start(windowBits: Int32) -> Bool {
        if initialised {
            if inflateReset2(stream, windowBits) == Z_OK { return true }
            inflateEnd(stream)
            initialised = false
        }
        initialised = inflateInit2_(stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
        return initialised
    }

    deinit {
        if initialised { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
        scratch.deallocate()
    }

    /// Idle streams, at most `capacity` (each holds about 56 KiB: state, window, scratch).
    static let capacity = 8
    static let idle = Mutex<[ZStream]>([])

    static func take() -> ZStream { idle.withLock { $0.popLast() } ?? ZStream() }

    static func recycle(_ z: ZStream) {
        guard z.initialised else { return }
        idle.withLock { if $0.count < capacity { $0.append(z) } }
    }
}

/// One zlib inflate stream. Owned by exactly one body collector (hence @unchecked Sendable).
final class Inflater: @unchecked Sendable {
    enum Outcome: Equatable {
        case ok
        case end
        case limit
        case error(String)
    }

    private let z: ZStream
    private var stream: UnsafeMutablePointer<z_stream> { z.stream }
    private var scratch: UnsafeMutablePointer<UInt8> { z.scratch }
    private var scratchSize: Int { ZStream.scratchSize }
    private let maxOutput: Int
    private let maxRatio: Int
    private let grace: Int
    private(set) var totalIn = 0
    private(set) var totalOut = 0
    private(set) var finished = false

    /// windowBits: 15 + 32 for gzip/zlib auto-detection, 15 for zlib, -15 for raw deflate.
    init?(windowBits: Int32, maxOutput: Int, maxRatio: Int, grace: Int) {
        z = ZStream.take()
        self.maxOutput = maxOutput
        self.maxRatio = maxRatio
        self.grace = grace
        guard z.start(windowBits: windowBits) else { return nil }
    }

    deinit { ZStream.recycle(z) }

    /// Inflates `input`, handing each decoded block to `sink`. Stops at the stream end, an error, or the caps.
    func feed(_ input: UnsafeBufferPointer<UInt8>, sink: (UnsafeBufferPointer<UInt8>) -> Void) -> Outcome {
        guard !finished else { return .end }
        guard let base = input.baseAddress, input.count > 0 else { return .ok }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base)
        stream.pointee.avail_in = uInt(input.count)
        defer {
            stream.pointee.next_in = nil
            stream.pointee.avail_in = 0
        }
        while true {
            stream.pointee.next_out = scratch
            stream.pointee.avail_out = uInt(scratchSize)
            let before = Int(stream.pointee.avail_in)
            let rc = inflate(stream, Z_NO_FLUSH)
            let used = before - Int(stream.pointee.avail_in)
            let produced = scratchSize - Int(stream.pointee.avail_out)
            totalIn += used
            if produced > 0 {
                let allowed = min(produced, max(0, maxOutput - totalOut))
                if allowed > 0 { sink(UnsafeBufferPointer(start: scratch, count: allowed)) }
                totalOut += produced
                if totalOut > maxOutput || (totalOut > grace && totalOut / max(1, totalIn) > maxRatio) {
                    finished = true
                    return .limit
                }
            }
            switch rc {
            case Z_STREAM_END:
                finished = true
                return .end
            case Z_OK:
                if stream.pointee.avail_in == 0 && produced < scratchSize { return .ok }
            case Z_BUF_ERROR:
                if stream.pointee.avail_in == 0 || produced == 0 { return .ok }
            default:
                finished = true
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(rc)"
                return .error(message)
            }
        }
    }
}
