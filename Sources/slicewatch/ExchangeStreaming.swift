// ExchangeStreaming: what `capture` and `interactions` share — open the source (clear message and exit 1
// when it cannot be opened), stop cleanly on SIGINT/SIGTERM, stream every exchange through an encoder on
// the output thread to stdout, and report a truncated file or a closed stdout.

import ArgumentParser
import Capture
import Foundation
import HTTPStream
import JSON
import Sidecar

/// Runs a capture and writes what `encode` makes of each exchange to stdout. Returns the capture summary.
func streamExchanges(
    from source: CaptureSourceOptions, encode: @escaping @Sendable (HTTPExchange, inout JSONWriter) -> Void
) throws -> CaptureSummary {
    let runner: CaptureRunner
    do {
        runner = try CaptureRunner(source.target, options: source.runOptions)
    } catch let error as CaptureError {
        printError("slicewatch: \(error)")
        throw ExitCode(1)
    }
    signal(SIGPIPE, SIG_IGN)
    let stopper = SignalStopper(signals: [SIGINT, SIGTERM]) { runner.stop() }
    defer { withExtendedLifetime(stopper) {} }

    let out = JSONLineWriter<HTTPExchange>(fileDescriptor: STDOUT_FILENO, encode: encode)
    var outputClosed = false
    let summary = runner.run { exchange in
        if !outputClosed && !out.write(exchange) {
            outputClosed = true
            runner.stop()
        }
    }
    if !out.close() { outputClosed = true }
    if outputClosed { printError("slicewatch: stopped early: standard output was closed") }
    return summary
}

/// Prints the summary and turns an early end of the capture into exit status 1.
func finish(_ summary: CaptureSummary, format: SummaryFormat, extra: String? = nil) throws {
    printError(format == .json ? summary.json : summary.text)
    if let extra { printError(extra) }
    if let error = summary.endError {
        printError("slicewatch: \(error)")
        throw ExitCode(1)
    }
}

/// Turns SIGINT/SIGTERM into a callback instead of killing the process, so summaries still print.
final class SignalStopper {
    private var sources: [any DispatchSourceSignal] = []

    init(signals: [Int32], _ handler: @escaping @Sendable () -> Void) {
        for sig in signals {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            sources.append(source)
        }
    }

    deinit { sources.forEach { $0.cancel() } }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
