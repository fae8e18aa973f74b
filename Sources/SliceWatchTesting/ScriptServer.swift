// ScriptServer: runs a real local server written as a Python script (a fake embeddings endpoint, a webhook
// receiver, ...) for a test: starts it, reads the port it prints, and stops it by closing its stdin.

import Foundation

/// A Python script serving on 127.0.0.1, alive until `stop()` or deinit.
public final class ScriptServer: @unchecked Sendable {
    /// The port the script printed on its first line of output.
    public let port: Int
    private let process: Process
    private let input: Pipe

    /// python3's path, or nil when it is not installed (tests then skip with that reason).
    public static let python: String? = ["/usr/bin/python3", "/usr/local/bin/python3"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Starts `script` with `arguments` and `environment` added to this process's environment.
    public init(script: String, arguments: [String] = [], environment: [String: String] = [:]) throws {
        guard let python = Self.python else { throw ScriptServerError("python3 is not installed") }
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line = Data()
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line += byte
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)) else {
            process.terminate()
            throw ScriptServerError("\(script) did not print a port (got \"\(String(decoding: line, as: UTF8.self))\")")
        }
        self.port = port
    }

    /// `http://127.0.0.1:<port><path>`.
    public func url(_ path: String) -> URL { URL(string: "http://127.0.0.1:\(port)\(path)")! }

    /// Stops the server and waits for it to exit.
    public func stop() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// Why a script server could not start.
public struct ScriptServerError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
