// ConfigCommand: `slicewatch config check FILE` (validate the configuration of `slicewatch run` without running:
// the effective configuration and exit 0, or every problem and exit 2) and `slicewatch config reference`.

import ArgumentParser
import Config
import Foundation

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check a configuration file of `slicewatch run`, or print the reference of every key.",
        subcommands: [ConfigCheckCommand.self, ConfigReferenceCommand.self]
    )
}

struct ConfigCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a configuration (file, SLICEWATCH_... environment, --key flags) without running.",
        discussion: "Prints the effective configuration with where each value came from and exits 0, or prints every problem and exits 2.")

    @Argument(help: ArgumentHelp("The YAML configuration file.", valueName: "file"))
    var file: String

    @Flag(help: "Check the file alone, ignoring SLICEWATCH_... environment variables.")
    var ignoreEnvironment = false

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Key flags as `slicewatch run` takes them, e.g. --capture-interface eth0."))
    var flags: [String] = []

    func run() throws {
        let environment = ignoreEnvironment ? [:] : ProcessInfo.processInfo.environment
        let configuration: SidecarConfiguration
        do {
            configuration = try SidecarConfiguration.load(path: file, environment: environment, arguments: flags)
        } catch {
            for problem in error.errors { printError("slicewatch: \(problem)") }
            printError("slicewatch: \(file): \(error.errors.count) problem\(error.errors.count == 1 ? "" : "s")")
            throw ExitCode(2)
        }
        print(configuration.describe(), terminator: "")
        var paths = [("baseline.path", configuration.baseline.path)]
        if let calibrate = configuration.baseline.calibrate { paths.append(("baseline.calibrate", calibrate)) }
        if configuration.embedding.url == nil { paths.append(("embedding.model_dir", configuration.embedding.modelDirectory)) }
        for (key, path) in paths where !FileManager.default.fileExists(atPath: path) {
            printError("slicewatch: warning: \(key): \(path) does not exist (here and now)")
        }
    }
}

struct ConfigReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference",
        abstract: "Print the reference of every configuration key (Markdown; docs/configuration.md is this output).")

    func run() {
        print(ConfigKey.reference(), terminator: "")
    }
}
