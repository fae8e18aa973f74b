// CaptureRunner: runs one capture end to end — a PacketSource on its thread, the ExchangePipeline on
// the caller's, exchanges out through a callback — and returns the summary. Stop it from any thread.

import Capture
import Foundation
import HTTPStream
import Reassembly
import Wire

/// Settings of a capture run.
public struct CaptureRunOptions: Sendable {
    public var source = PacketSourceOptions()
    public var reassembly = ReassemblyLimits()
    public var http = HTTPLimits()

    public init() {}
}

/// Drives a capture from source to exchanges.
public final class CaptureRunner: @unchecked Sendable {
    public let source: PacketSource
    private let options: CaptureRunOptions

    /// Opens the file or interface (throws CaptureError with a clear message when it cannot).
    public init(_ target: CaptureTarget, options: CaptureRunOptions = .init()) throws {
        self.options = options
        self.source = try PacketSource(target, options: options.source)
    }

    /// Asks the run to end; `run` returns after draining what was captured.
    public func stop() { source.stop() }

    /// Runs until the file ends or `stop()` is called; `emit` gets every exchange, in order of completion.
    public func run(_ emit: (HTTPExchange) -> Void) -> CaptureSummary {
        let started = Date()
        var pipeline = ExchangePipeline(linkType: source.linkType, reassembly: options.reassembly, http: options.http)
        var summary = CaptureSummary(target: source.target, linkType: source.linkType)
        var count: UInt64 = 0
        source.start()
        while let batch = source.next() {
            for i in 0..<batch.count {
                pipeline.process(frame: batch.frame(i), at: batch.timestamps[i]) { exchange in
                    count += 1
                    emit(exchange)
                }
            }
        }
        pipeline.finish { exchange in
            count += 1
            emit(exchange)
        }
        summary.capture = source.statistics
        summary.wire = pipeline.decoder.counters
        summary.reassembly = pipeline.reassembler.counters
        summary.http = pipeline.tracker.counters
        summary.exchanges = count
        summary.endError = source.endError
        summary.elapsedSeconds = Date().timeIntervalSince(started)
        return summary
    }
}
