// ExportDirectory: the folder automatic exports are written to — one file per alert, named by time, window and
// alert key, written atomically, the oldest removed beyond the number kept.

import Foundation

/// Writes export files into a folder and keeps only the newest.
public struct ExportDirectory: Sendable, Hashable {
    public var path: String
    /// Files kept; older ones are removed after each write.
    public var keep: Int

    public init(path: String, keep: Int) {
        self.path = path
        self.keep = max(1, keep)
    }

    static let prefix = "slicewatch-export-"

    /// Writes `text` as a new export file for the alert `key` of `window` at `time` (ns since the epoch), then
    /// removes the oldest beyond `keep`. Returns the file's path.
    /// - Throws: `ExportError` when the folder cannot be created or the file written.
    public func write(_ text: String, key: String, window: Int, time: Int64?) throws(ExportError) -> String {
        let fm = FileManager.default
        do { try fm.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw ExportError("\(path): cannot create the export folder: \(error.localizedDescription)")
        }
        let seconds = Double(time ?? Int64(Date().timeIntervalSince1970 * 1e9)) / 1e9
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withYear, .withMonth, .withDay, .withTime, .withTimeZone]
        let stamp = formatter.string(from: Date(timeIntervalSince1970: seconds)).replacingOccurrences(of: ":", with: "")
        let safeKey = String(key.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? $0 : "-" })
        let file = (path as NSString).appendingPathComponent("\(Self.prefix)\(stamp)-w\(window)-\(safeKey).jsonl")
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic) } catch {
            throw ExportError("\(file): cannot write: \(error.localizedDescription)")
        }
        rotate()
        return file
    }

    /// Removes the oldest export files beyond `keep` (by name, which starts with the time).
    func rotate() {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: path) else { return }
        let exports = names.filter { $0.hasPrefix(Self.prefix) && $0.hasSuffix(".jsonl") }.sorted()
        for name in exports.dropLast(keep) { try? fm.removeItem(atPath: (path as NSString).appendingPathComponent(name)) }
    }
}
