// InteractionFile: the interactions in a file, whatever kind it is — an interaction log (.jsonl/.json in
// slicewatch's interaction schema) or a capture (pcap/pcapng, read through the standard adapters). Used for
// reference and calibration traffic by `baseline build --reference`, `replay --calibrate` and `run`.

import Capture
import Exchange

public enum InteractionFile {
    /// Every interaction in `path`. Bad log lines and a capture cut short are reported through `problem`
    /// (the rest is still read); a file that cannot be opened throws.
    public static func read(_ path: String, problem: (String) -> Void) throws -> [Interaction] {
        var interactions: [Interaction] = []
        if path.hasSuffix(".jsonl") || path.hasSuffix(".json") {
            _ = try InteractionLogReader.read(path: path, emit: { interactions.append($0) }, problem: { problem("\($0)") })
            return interactions
        }
        let runner = try CaptureRunner(.file(path))
        var registry = AdapterRegistry.standard()
        let summary = runner.run { exchange in
            if let interaction = registry.interaction(for: exchange) { interactions.append(interaction) }
        }
        if let error = summary.endError { problem("\(error)") }
        return interactions
    }
}
