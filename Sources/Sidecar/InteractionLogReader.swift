// InteractionLogReader: reads interactions logged elsewhere (JSON lines in slicewatch's interaction schema)
// one line at a time, so a team with request logs can use every later command without a capture. A bad
// line is reported with its line number and skipped; nothing else is lost.

import Exchange
import Foundation
import JSON

/// A line of an interaction log that could not be read.
public struct InteractionLogProblem: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
}

/// Streams an interaction log.
public enum InteractionLogReader {
    /// Longest line accepted; longer lines are reported and skipped.
    public static let maxLineBytes = 16 << 20

    /// Calls `emit` for every interaction in the file and `problem` for every bad line. Throws only when the
    /// file cannot be opened.
    public static func read(
        path: String, emit: (Interaction) -> Void, problem: (InteractionLogProblem) -> Void
    ) throws -> (interactions: Int, problems: Int) {
        guard let file = fopen(path, "r") else {
            throw ConfigurationError("\(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        let parser = JSONParser()
        var lineBuffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(lineBuffer) }
        var lineNumber = 0
        var good = 0
        var bad = 0
        while true {
            let n = getline(&lineBuffer, &capacity, file)
            if n < 0 { break }
            lineNumber += 1
            guard let raw = lineBuffer else { break }
            var start = 0
            var length = n
            // A UTF-8 byte order mark (logs written on Windows) is not part of the first line's JSON.
            if lineNumber == 1 && length >= 3 && UInt8(bitPattern: raw[0]) == 0xEF && UInt8(bitPattern: raw[1]) == 0xBB
                && UInt8(bitPattern: raw[2]) == 0xBF
            {
                start = 3
            }
            while length > start && isSpace(raw[length - 1]) { length -= 1 }
            while start < length && isSpace(raw[start]) { start += 1 }
            if start == length { continue }  // blank or whitespace-only line
            length -= start
            guard length <= maxLineBytes else {
                bad += 1
                problem(InteractionLogProblem(line: lineNumber, message: "line longer than \(maxLineBytes) bytes"))
                continue
            }
            let bytes = UnsafeBufferPointer(
                start: UnsafeRawPointer(raw + start).assumingMemoryBound(to: UInt8.self), count: length)
            do {
                let value = try parser.parse(bytes)
                let interaction = try Interaction(json: value, defaultID: "line-\(lineNumber)")
                good += 1
                emit(interaction)
            } catch let error as JSONError {
                bad += 1
                problem(InteractionLogProblem(line: lineNumber, message: "invalid JSON: \(error)"))
            } catch {
                bad += 1
                problem(InteractionLogProblem(line: lineNumber, message: "\(error)"))
            }
        }
        return (good, bad)
    }
}

/// JSON whitespace (space, tab, CR, LF).
private func isSpace(_ c: CChar) -> Bool { c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d }
