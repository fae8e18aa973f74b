// SliceWatch: the `slicewatch` command line. Thin: parses flags into options and hands them to the
// Sidecar library; no pipeline logic lives here.

import ArgumentParser
import Embedding

@main
struct SliceWatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slicewatch",
        abstract: "Drift monitoring for LLM agents, from passively captured HTTP traffic.",
        version: "0.1.0",
        subcommands: [
            CaptureCommand.self, InteractionsCommand.self, BaselineCommand.self, ReplayCommand.self, ExportCommand.self, ReportCommand.self,
            RunCommand.self, ConfigCommand.self,
        ]
    )

    static func main() async {
        BLASThreads.runOnCallingThread()
        await main(nil)
    }
}
