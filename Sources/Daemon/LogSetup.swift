// LogSetup: swift-log for the sidecar's own diagnostics on standard error — readable lines, or one JSON
// object per line (`log.format: json`) for log collectors. Drift reports go to standard output instead.

import Config
import Foundation
import Logging

/// A log handler writing one JSON object per message to standard error.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var object: [String: String] = [
            "time": ISO8601DateFormatter().string(from: Date()), "level": event.level.rawValue, "logger": label,
            "message": "\(event.message)",
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) { object[key] = "\(value)" }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        FileHandle.standardError.write(data + Data("\n".utf8))
    }
}

/// A logger for `label` with the configured level and format.
public func makeLogger(_ label: String, log: LogSection) -> Logger {
    var logger: Logger
    switch log.format {
    case .json: logger = Logger(label: label) { JSONLogHandler(label: $0) }
    case .text: logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
    }
    logger.logLevel = Logger.Level(rawValue: log.level.rawValue) ?? .info
    return logger
}
