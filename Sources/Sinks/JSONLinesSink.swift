// JSONLinesSink: each notice's JSON as one line, appended to a file (opened per line, so log rotation just works)
// or written to standard output (one write(2) per line).

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends `AlertNotice.json` plus a newline to `path`, or to standard output when `path` is nil. A failed write is
/// one failed attempt and the notice is given up (local write errors are not retried).
public final class JSONLinesSink: AlertSink {
    /// The file appended to; nil for standard output.
    public let path: String?
    public var kind: String { "json_lines" }
    public var target: String { path ?? "stdout" }

    public init(path: String?) { self.path = path }

    public func deliver(_ notice: AlertNotice, context: DeliveryContext) -> DeliveryOutcome {
        let line = Array((notice.json + "\n").utf8)
        let error: String? = if let path { append(line, to: path) } else { writeStandardOutput(line) }
        guard let error else { return .delivered }
        context.attemptFailed(error)
        return .gaveUp(error)
    }

    /// Appends `line` to the file at `path`, creating it; an error message, or nil.
    private func append(_ line: [UInt8], to path: String) -> String? {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return "cannot open \(path): \(String(cString: strerror(errno)))" }
        defer { close(fd) }
        return writeAll(line, to: fd).map { "cannot write \(path): \($0)" }
    }

    /// Writes `line` to standard output (file descriptor 1, unbuffered: one write per line when it fits a pipe).
    private func writeStandardOutput(_ line: [UInt8]) -> String? {
        writeAll(line, to: STDOUT_FILENO).map { "cannot write to standard output: \($0)" }
    }

    /// Writes every byte, retrying short writes and EINTR; the error's description, or nil.
    private func writeAll(_ bytes: [UInt8], to fd: Int32) -> String? {
        bytes.withUnsafeBytes { buffer -> String? in
            guard let base = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, base + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += n
            }
            return nil
        }
    }
}
