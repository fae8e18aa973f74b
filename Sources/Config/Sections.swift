// Sections: the typed sections of the sidecar's configuration that have no home type elsewhere — capture, APIs,
// baseline, embedding, quality, admin, store and log. Drift and sinks use Drift's DriftSettings and Sinks' SinkSettings.

import Exchange
import Foundation
import Graders
import Quality

/// `capture`: the live capture the sidecar runs.
public struct CaptureSection: Sendable, Hashable {
    /// The network interface (`lo`, `eth0`, `any`).
    public var interface: String
    /// The BPF filter applied in the kernel; empty captures everything.
    public var filter: String
    /// Bytes kept of each packet.
    public var snaplen: Int
    /// Kernel capture buffer, bytes.
    public var bufferBytes: Int
    /// Largest decoded body kept per message, bytes.
    public var maxBodyBytes: Int
    /// Seconds of packet time without a segment before a connection is closed.
    public var idleTimeout: Double
    /// Who to become once the capture handle is open (when started as root); nil: stay, clear capabilities.
    public var user: String? = nil
}

/// `apis`: how exchanges are recognised as model calls beyond the built-in paths and body shapes.
public struct APISection: Sendable, Hashable {
    /// Path overrides, checked first, in order.
    public var routes: [AdapterRoute]
    /// Generic JSON APIs, checked after the routes.
    public var generic: [GenericAPIConfiguration]
}

/// `baseline`: what live traffic is compared with.
public struct BaselineSection: Sendable, Hashable {
    /// The baseline file (`slicewatch baseline build`).
    public var path: String
    /// Normal traffic (a capture or an interactions `.jsonl`) replayed at start to calibrate the tests.
    public var calibrate: String?
}

/// `embedding`: how inputs are embedded.
public struct EmbeddingSection: Sendable, Hashable {
    /// Interactions embedded per second of packet time, a uniform sample beyond it; 0 embeds all.
    public var rate: Int
    /// Directory of the MiniLM model files.
    public var modelDirectory: String
    /// An OpenAI-compatible embeddings endpoint instead of the in-process encoder.
    public var url: URL?
    /// The model the endpoint serves (default: the one recorded in the baseline).
    public var model: String?
    /// Texts per embeddings request.
    public var batch: Int
    /// Seconds before an embeddings request times out.
    public var timeout: Double
}

/// A `host:port` to listen on.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// A host name or an IPv4/IPv6 address (without brackets).
    public var host: String
    /// The TCP port, 0-65535 (0: any free port, which the log names).
    public var port: Int

    /// An address; `parse(_:)` checks text, this does not.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `localhost`, 127.0.0.0/8 or ::1: reachable from this machine only.
    public var isLoopback: Bool {
        let h = host.lowercased()
        if h == "localhost" || h == "::1" || h == "0:0:0:0:0:0:0:1" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// `127.0.0.1:9464`, `[::1]:9464`.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Parses `host:port` or `[ipv6]:port`; nil when malformed.
    public static func parse(_ text: String) -> ListenAddress? {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else { return nil }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0 == "/" }),
            portText.allSatisfy(\.isASCII), let port = Int(portText), (0...65535).contains(port)
        else { return nil }
        return ListenAddress(host: String(host), port: port)
    }
}

/// `admin`: the admin HTTP server (health, metrics, status).
public struct AdminSection: Sendable, Hashable {
    /// Where it listens.
    public var listen: ListenAddress
    /// The bearer token requests must carry (from `admin.token` or read from `admin.token_file`); required when
    /// `listen` is not a loopback address.
    public var token: String?
    /// The file the token was read from, if any.
    public var tokenFile: String?
}

/// `quality`: answer checks, the grading sample and one optional external grader of each kind.
public struct QualitySection: Sendable, Hashable {
    /// Built-in check thresholds, the grading sample and the consistency window (refusal phrases from
    /// `refusalPhrasesFile` once loaded).
    public var settings = QualitySettings()
    /// Whether each graded slice's pass rate is tested (`quality.tests`).
    public var tests = true
    /// A file of refusal phrases, one a line, replacing the built-in list.
    public var refusalPhrasesFile: String?
    /// A shell command grading one interaction JSON on stdin, and an HTTP grader URL.
    public var graderCommand: String?
    public var graderURL: URL?
    public var graderName = "grader"
    public var graderVersion: String?
    public var graderTimeout = 30.0
    public var graderConcurrency = 2
    /// Gradings started per hour and grader; 0 is no limit.
    public var graderHourlyBudget = 0

    public init() {}

    /// The configured graders (none, the command, the URL, or both).
    public var graders: [GraderSettings] {
        var out: [GraderSettings] = []
        func make(_ kind: GraderKind, suffix: String) -> GraderSettings {
            var g = GraderSettings(name: graderName + suffix, version: graderVersion, kind: kind)
            g.timeout = graderTimeout
            g.concurrency = graderConcurrency
            g.hourlyBudget = graderHourlyBudget > 0 ? graderHourlyBudget : nil
            return g
        }
        let both = graderCommand != nil && graderURL != nil
        if let command = graderCommand { out.append(make(.exec(command: ["/bin/sh", "-c", command]), suffix: both ? "-exec" : "")) }
        if let url = graderURL { out.append(make(.http(url: url.absoluteString, headers: [:]), suffix: both ? "-http" : "")) }
        return out
    }

    /// The settings with the refusal phrases read from `refusalPhrasesFile` (one a line; blank lines and lines
    /// starting with # skipped).
    public func loadedSettings() throws -> QualitySettings {
        var s = settings
        guard let path = refusalPhrasesFile else { return s }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ConfigError(key: "quality.refusal_phrases_file", value: path, problem: "cannot be read (\(error.localizedDescription))")
        }
        s.refusalPhrases = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        return s
    }
}

/// `store`: the SQLite history of windows, findings, alerts and sampled interactions (maps onto Store's StoreSettings).
public struct StoreSection: Sendable, Hashable {
    /// The database file; created with its folder if missing.
    public var path: String
    /// Seconds windows, findings and sampled interactions are kept.
    public var retention: Double
    /// Seconds alert history is kept.
    public var alertRetention: Double
    /// Most windows kept.
    public var maxWindows: Int
    /// Most sampled interactions kept.
    public var maxInteractions: Int
    /// Interactions sampled into the store per window.
    public var interactionsPerWindow: Int
}

/// `export`: automatic export on alert — when an alert fires, the drifted window's inputs (redacted, de-duplicated,
/// chosen as `slicewatch export` chooses) go to a file in `directory`, linked from the alert event.
public struct ExportSection: Sendable, Hashable {
    public var onAlert = false
    public var directory = "exports"
    /// Export files kept; the oldest are removed.
    public var keep = 50
    /// Interactions of each window kept as export candidates.
    public var perWindow = 200
    public var perSlice = 20
    /// "slicewatch", "openai-evals" or "inspect".
    public var format = "slicewatch"

    public init() {}
}

/// Log verbosity, as swift-log names its levels.
public enum LogLevel: String, Sendable, Hashable, CaseIterable {
    case trace, debug, info, notice, warning, error, critical
}

/// How log lines are written on standard error.
public enum LogFormat: String, Sendable, Hashable, CaseIterable {
    /// Readable lines.
    case text
    /// One JSON object a line.
    case json
}

/// `log`: the sidecar's own log.
public struct LogSection: Sendable, Hashable {
    /// The least severe level logged.
    public var level: LogLevel
    /// Readable lines or JSON.
    public var format: LogFormat
}
