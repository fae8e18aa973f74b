// CaptureCommand: `slicewatch capture` — read a pcap/pcapng file or a live interface and print one
// JSON line per HTTP exchange on stdout, then a summary of every counter on stderr.

import ArgumentParser
import Capture
import Foundation
import HTTPStream
import JSON
import Sidecar

struct CaptureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capture",
        abstract: "Print paired HTTP/1.1 exchanges from a capture file or a live interface as JSON lines."
    )

    @Option(name: .customLong("read"), help: ArgumentHelp("Read packets from a pcap or pcapng file.", valueName: "file"))
    var file: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Capture live on a network interface (e.g. lo, eth0, any).", valueName: "name"))
    var interface: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("BPF filter expression, e.g. 'tcp port 8080'.", valueName: "bpf"))
    var filter: String?

    @Option(help: "Live capture: bytes kept of each packet.")
    var snaplen: Int32 = 262_144

    @Option(name: .customLong("buffer-mib"), help: "Live capture: kernel buffer size in MiB.")
    var bufferMiB: Int32 = 64

    @Option(help: "Largest decoded body kept per message, in bytes (longer bodies are cut and flagged).")
    var maxBody: Int = 8 << 20

    @Option(help: "Seconds of packet time without traffic after which a connection is closed.")
    var idleTimeout: Int = 300

    @Option(help: "Summary format on stderr: text or json.")
    var summary: SummaryFormat = .text

    enum SummaryFormat: String, ExpressibleByArgument { case text, json }

    func validate() throws {
        guard (file == nil) != (interface == nil) else {
            throw ValidationError("give exactly one of --read FILE or --interface NAME")
        }
        guard snaplen > 0, bufferMiB > 0, maxBody > 0, idleTimeout > 0 else {
            throw ValidationError("--snaplen, --buffer-mib, --max-body and --idle-timeout must be positive")
        }
    }

    func run() throws {
        var options = CaptureRunOptions()
        options.source.filter = filter
        options.source.live.snaplen = snaplen
        options.source.live.bufferSize = bufferMiB << 20
        options.http.maxBodyBytes = maxBody
        options.reassembly.idleTimeout = .seconds(idleTimeout)
        let target: CaptureTarget = file.map { .file($0) } ?? .interface(interface ?? "")

        let runner: CaptureRunner
        do {
            runner = try CaptureRunner(target, options: options)
        } catch let error as CaptureError {
            printError("slicewatch: \(error)")
            throw ExitCode(1)
        }

        signal(SIGPIPE, SIG_IGN)
        let stopper = SignalStopper(signals: [SIGINT, SIGTERM]) { runner.stop() }
        defer { withExtendedLifetime(stopper) {} }

        let out = JSONLineWriter<HTTPExchange>(fileDescriptor: STDOUT_FILENO) { exchange, writer in
            exchange.writeJSON(into: &writer)
        }
        var outputClosed = false
        let result = runner.run { exchange in
            if !outputClosed && !out.write(exchange) {
                outputClosed = true
                runner.stop()
            }
        }
        if !out.close() { outputClosed = true }
        printError(summary == .json ? result.json : result.text)
        if let error = result.endError {
            printError("slicewatch: \(error)")
            throw ExitCode(1)
        }
        if outputClosed {
            printError("slicewatch: stopped early: standard output was closed")
        }
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
