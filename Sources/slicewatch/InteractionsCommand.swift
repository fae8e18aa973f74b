// InteractionsCommand: `slicewatch interactions` — what the agent asked and what the model answered, one
// JSON line per model call, from a capture file, a live interface, or an interaction log (--from-jsonl).

import ArgumentParser
import Exchange
import Foundation
import JSON
import Sidecar

struct InteractionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interactions",
        abstract: "Print model calls (OpenAI, Anthropic, configured generic APIs) as interaction JSON lines."
    )

    @OptionGroup var source: CaptureSourceOptions

    @Option(
        name: .customLong("from-jsonl"),
        help: ArgumentHelp("Read interactions logged elsewhere in slicewatch's interaction schema.", valueName: "file"))
    var log: String?

    @Option(
        name: .customLong("route"),
        help: ArgumentHelp(
            "Read requests whose path matches a glob as an API: PATTERN=API, e.g. '/gw/*=openai.chat'. Repeatable.",
            valueName: "pattern=api"))
    var routes: [String] = []

    @Option(
        name: .customLong("generic"),
        help: ArgumentHelp(
            "A generic JSON API: path=GLOB,input=/ptr,output=/ptr[,model=/ptr][,status=/ptr]. Repeatable.",
            valueName: "spec"))
    var generic: [String] = []

    @Option(help: "Summary format on stderr: text or json.")
    var summary: SummaryFormat = .text

    func validate() throws {
        guard source.sourceCount + (log == nil ? 0 : 1) == 1 else {
            throw ValidationError("give exactly one of --read FILE, --interface NAME or --from-jsonl FILE")
        }
        try source.validateLimits()
    }

    func run() throws {
        let registry: AdapterRegistry
        do {
            registry = try AdapterRegistry.standard(
                routes: routes.map(AdapterRoute.parse), generic: generic.map(GenericAPIConfiguration.parse))
        } catch {
            printError("slicewatch: \(error)")
            throw ExitCode(1)
        }
        if let log {
            try replayLog(log)
            return
        }
        let encoder = InteractionEncoder(registry: registry)
        let result = try streamExchanges(from: source) { exchange, writer in encoder.encode(exchange, into: &writer) }
        try finish(result, format: summary, extra: summary == .json ? encoder.counters.json : encoder.counters.text)
    }

    /// Re-emits a logged interaction file in the current schema, with every bad line reported by number.
    private func replayLog(_ path: String) throws {
        signal(SIGPIPE, SIG_IGN)
        let out = JSONLineWriter<Interaction>(fileDescriptor: STDOUT_FILENO) { interaction, writer in
            interaction.writeJSON(into: &writer)
            writer.newline()
        }
        let counts: (interactions: Int, problems: Int)
        do {
            counts = try InteractionLogReader.read(
                path: path, emit: { out.write($0.scrubbed()) }, problem: { printError("slicewatch: \(path): \($0)") })
        } catch {
            printError("slicewatch: cannot read \(error)")
            throw ExitCode(1)
        }
        out.close()
        printError("slicewatch interactions summary: \(path): \(counts.interactions) interactions, \(counts.problems) bad lines")
    }
}
