// RunCommand: `slicewatch run` — the long-running sidecar. Reads the configuration (YAML file, SLICEWATCH_*
// environment, key flags) through the Config target and hands it to the Daemon target.

import ArgumentParser
import Config
import Daemon
import Foundation

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the sidecar: live capture, continuous drift detection, alerts, store and admin API.",
        discussion: """
            Configuration comes from a YAML file (--config FILE or $SLICEWATCH_CONFIG), SLICEWATCH_* environment \
            variables and one flag per key (--capture-interface lo, --drift-window 5m), flags first. \
            `slicewatch config reference` lists every key; `slicewatch config check FILE` validates a file. \
            SIGTERM/SIGINT drain and persist the open window; SIGHUP reloads the configuration and the baseline.
            """)

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("--config FILE and key flags.", valueName: "options"))
    var arguments: [String] = []

    func run() async throws {
        if arguments.contains("--help") || arguments.contains("-h") {
            print(Self.helpMessage())
            return
        }
        let environment = ProcessInfo.processInfo.environment
        let arguments = self.arguments
        let config: SidecarConfiguration
        do {
            config = try SidecarConfiguration.load(arguments: arguments, environment: environment)
        } catch {
            printError("slicewatch run: configuration errors:\n\(error)")
            throw ExitCode(2)
        }
        var missing: [String] = []
        if config.capture.interface.isEmpty { missing.append("capture.interface (--capture-interface, SLICEWATCH_CAPTURE_INTERFACE)") }
        if config.baseline.path.isEmpty { missing.append("baseline.path (--baseline-path, SLICEWATCH_BASELINE_PATH)") }
        guard missing.isEmpty else {
            printError("slicewatch run: missing " + missing.joined(separator: " and "))
            throw ExitCode(2)
        }
        let logger = makeLogger("slicewatch", log: config.log)
        let daemon = SidecarDaemon(
            configuration: config,
            loadConfiguration: { try SidecarConfiguration.load(arguments: arguments, environment: environment) },
            environment: environment, user: config.capture.user, version: SliceWatch.configuration.version, logger: logger)
        do {
            try await daemon.run()
        } catch {
            logger.critical("\(error)")
            throw ExitCode(1)
        }
    }
}
