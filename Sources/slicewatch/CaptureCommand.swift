// CaptureCommand: `slicewatch capture` — read a pcap/pcapng file or a live interface and print one
// JSON line per HTTP exchange on stdout, then a summary of every counter on stderr.

import ArgumentParser
import Sidecar

struct CaptureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capture",
        abstract: "Print paired HTTP/1.1 exchanges from a capture file or a live interface as JSON lines."
    )

    @OptionGroup var source: CaptureSourceOptions

    @Option(help: "Summary format on stderr: text or json.")
    var summary: SummaryFormat = .text

    func validate() throws {
        guard source.sourceCount == 1 else { throw ValidationError("give exactly one of --read FILE or --interface NAME") }
        try source.validateLimits()
    }

    func run() throws {
        let summary = try streamExchanges(from: source) { exchange, writer in
            exchange.writeJSON(into: &writer)
            writer.newline()
        }
        try finish(summary, format: self.summary)
    }
}
