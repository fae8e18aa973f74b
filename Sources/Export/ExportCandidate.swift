// ExportCandidate and ExportReason: one live input that could go into the eval set — its text, the answer it got,
// where the monitor put it, its quality signals — and why an export would choose it.

import Exchange
import Foundation

/// One live interaction offered to an export.
public struct ExportCandidate: Sendable, Hashable {
    /// The interaction's id (from the capture or the log).
    public var id: String
    public var input: String
    /// The answer the agent got, when there was one.
    public var output: String?
    /// The baseline slice id, "novel", or nil when it was not embedded.
    public var slice: String?
    /// Request time, ns since the epoch.
    public var time: Int64?
    public var model: String?
    public var api: String
    public var status: Int?
    /// Latency in seconds.
    public var latency: Double?
    /// Built-in checks it failed ("error", "refusal", ...); empty when it passed them all.
    public var failedChecks: [String]
    /// The window it was seen in.
    public var window: Int?

    public init(
        id: String, input: String, output: String?, slice: String?, time: Int64?, model: String?, api: String,
        status: Int?, latency: Double?, failedChecks: [String], window: Int?
    ) {
        self.id = id
        self.input = input
        self.output = output
        self.slice = slice
        self.time = time
        self.model = model
        self.api = api
        self.status = status
        self.latency = latency
        self.failedChecks = failedChecks
        self.window = window
    }
}

/// Why an input is worth adding to the eval set; `--prefer` orders them.
public enum ExportReason: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Farther from every eval slice than the novelty threshold: the eval set does not cover it.
    case novel
    /// Its slice carries much more of live traffic than of the eval set (or has very few eval items).
    case uncovered
    /// It failed a built-in check (an error, a refusal, an empty or truncated answer, ...).
    case failing
    /// Its slice (or the novel set) has a drift alert.
    case drifted

    public static func < (a: ExportReason, b: ExportReason) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Parses "novel,uncovered,failing,drifted" (any order, any subset).
    /// - Throws: `ExportError` naming an unknown reason and the allowed ones.
    public static func parseList(_ text: String) throws(ExportError) -> [ExportReason] {
        var reasons: [ExportReason] = []
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            if name.isEmpty { continue }
            guard let reason = ExportReason(rawValue: name) else {
                throw ExportError("--prefer: unknown reason \"\(name)\"; allowed: " + allCases.map(\.rawValue).joined(separator: ", "))
            }
            if !reasons.contains(reason) { reasons.append(reason) }
        }
        guard !reasons.isEmpty else { throw ExportError("--prefer: name at least one reason") }
        return reasons
    }
}

/// A bad export request or input.
public struct ExportError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension ExportCandidate {
    /// A captured interaction as a candidate: `slice` as the monitor put it, `failedChecks` the built-in checks it
    /// failed.
    public init(_ i: Interaction, slice: String?, failedChecks: [String], window: Int?) {
        self.init(
            id: i.id, input: i.input, output: i.output.isEmpty ? nil : i.output, slice: slice,
            time: i.requestStart?.nanoseconds, model: i.model, api: i.api.rawValue, status: i.status, latency: i.latency,
            failedChecks: failedChecks, window: window)
    }
}
