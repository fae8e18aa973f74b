// AlertNotice: what every sink receives — one alert event with the slice labels it is read with, its JSON line
// rendered once (the `alert` line of the README, plus `export_path` when an export file belongs to it).

import Drift
import Foundation
import JSON

/// One alert state change ready for delivery. Immutable: the JSON is rendered once in `init` and every sink,
/// retry and re-send uses the same text (so a webhook signature covers exactly what was sent).
public struct AlertNotice: Sendable, Hashable {
    /// The state change.
    public let event: AlertEvent
    /// Slice id → human label, as in the baseline.
    public let labels: [String: String]
    /// A file written for this alert (e.g. an export of the drifting inputs), when there is one.
    public let exportPath: String?
    /// Unique per notice, the same across retries: receivers can de-duplicate on it (`X-Slicewatch-Delivery`).
    public let id: String
    /// The alert JSON object on one line, without a trailing newline: `AlertEvent.writeJSON(into:labels:)`, with an
    /// `"export_path"` member appended when `exportPath` is set.
    public let json: String

    public init(event: AlertEvent, labels: [String: String], exportPath: String? = nil, id: String = UUID().uuidString) {
        self.event = event
        self.labels = labels
        self.exportPath = exportPath
        self.id = id
        var w = JSONWriter(reserving: 2048)
        event.writeJSON(into: &w, labels: labels)
        var bytes = w.bytes
        if let exportPath, bytes.last == UInt8(ascii: "}") {
            // The object is complete; reopen it for one more member.
            var member = JSONWriter(reserving: 64 + exportPath.utf8.count * 6)
            member.beginObject()
            member.field("export_path", exportPath)
            member.endObject()
            bytes.removeLast()
            bytes += [UInt8(ascii: ",")] + member.bytes.dropFirst()  // drops the member object's "{"
        }
        json = String(decoding: bytes, as: UTF8.self)
    }

    /// The slice the alert concerns, if any.
    public var slice: String? { event.finding.result.slice }

    /// The slice's human label, if known.
    public var sliceLabel: String? { slice.flatMap { labels[$0] } }

    /// One readable line: what moved, by how much, on how many, how sure (the JSON's `summary`).
    public var summary: String { event.finding.result.sentence(labels: labels) }
}
