// ConfigLoading: how a configuration is obtained — from YAML text, a file, or `slicewatch run`'s arguments
// (`--config FILE` or `$SLICEWATCH_CONFIG`) — with the environment and flags on top.

import Foundation

extension SidecarConfiguration {
    /// The configuration from YAML text (nil: no file), an environment and flag arguments (`--capture-interface lo`,
    /// `--drift-window=5m`; list keys may be repeated and accumulate). `file` names the text in messages.
    /// Throws every problem found.
    public static func resolve(
        yaml: String?, file: String = "slicewatch.yaml", environment: [String: String], arguments: [String]
    ) throws(ConfigErrors) -> SidecarConfiguration {
        var resolution = Resolution(environment: environment)
        if let yaml { resolution.readFile(yaml, path: file) }
        resolution.readEnvironment()
        resolution.readFlags(arguments)
        return try resolution.finish()
    }

    /// The configuration from the YAML file at `path` (nil: no file), an environment and flag arguments.
    public static func load(path: String?, environment: [String: String], arguments: [String]) throws(ConfigErrors)
        -> SidecarConfiguration
    {
        guard let path else { return try resolve(yaml: nil, environment: environment, arguments: arguments) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigErrors([
                ConfigError(key: "", value: path, problem: "cannot be read", allowed: "a readable YAML file")
            ])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigErrors([
                ConfigError(key: "", value: path, problem: "is not UTF-8 text", allowed: "a UTF-8 YAML file")
            ])
        }
        return try resolve(yaml: text, file: path, environment: environment, arguments: arguments)
    }

    /// The configuration of `slicewatch run`: the file named by `--config FILE` (or `-c FILE`, `--config=FILE`) in
    /// `arguments`, else by `$SLICEWATCH_CONFIG`, else none; the other arguments are key flags.
    public static func load(arguments: [String], environment: [String: String]) throws(ConfigErrors) -> SidecarConfiguration {
        let (path, rest) = configPath(in: arguments)
        return try load(path: path ?? environment["SLICEWATCH_CONFIG"], environment: environment, arguments: rest)
    }

    /// Splits `--config FILE` (`-c FILE`, `--config=FILE`) off the arguments.
    static func configPath(in arguments: [String]) -> (path: String?, rest: [String]) {
        var path: String?
        var rest: [String] = []
        var i = 0
        while i < arguments.count {
            let arg = arguments[i]
            if (arg == "--config" || arg == "-c"), i + 1 < arguments.count {
                path = arguments[i + 1]
                i += 2
                continue
            }
            if arg.hasPrefix("--config=") {
                path = String(arg.dropFirst("--config=".count))
            } else {
                rest.append(arg)
            }
            i += 1
        }
        return (path, rest)
    }
}
