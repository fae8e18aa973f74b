// CaptureSourceOptions: the flags every command that reads packets shares — where packets come from,
// the BPF filter, live-capture settings and decoding limits — and their translation into run options.

import ArgumentParser
import Capture
import Sidecar

struct CaptureSourceOptions: ParsableArguments {
    @Option(name: .customLong("read"), help: ArgumentHelp("Read packets from a pcap or pcapng file.", valueName: "file"))
    var file: String?

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp("Capture live on a network interface (e.g. lo, eth0, any).", valueName: "name"))
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

    /// How many packet sources were given (--read, --interface).
    var sourceCount: Int { (file == nil ? 0 : 1) + (interface == nil ? 0 : 1) }

    func validateLimits() throws {
        guard snaplen > 0, bufferMiB > 0, maxBody > 0, idleTimeout > 0 else {
            throw ValidationError("--snaplen, --buffer-mib, --max-body and --idle-timeout must be positive")
        }
    }

    var target: CaptureTarget { file.map { .file($0) } ?? .interface(interface ?? "") }

    var runOptions: CaptureRunOptions {
        var options = CaptureRunOptions()
        options.source.filter = filter
        options.source.live.snaplen = snaplen
        options.source.live.bufferSize = bufferMiB << 20
        options.http.maxBodyBytes = maxBody
        options.reassembly.idleTimeout = .seconds(idleTimeout)
        return options
    }
}

/// Summary format on stderr.
enum SummaryFormat: String, ExpressibleByArgument { case text, json }
