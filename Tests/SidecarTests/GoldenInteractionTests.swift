// GoldenInteractionTests: the interactions slicewatch reads from each committed real capture, byte for byte,
// against the golden JSON lines next to the capture (checked against the recorder's ground truth by
// InteractionFixtureTests). Regenerate after an intended change with
// `SLICEWATCH_UPDATE_GOLDEN=1 swift test --filter goldenInteractions` and review the diff.

import Exchange
import Foundation
import JSON
import Sidecar
import Testing

@Test(arguments: ["openai-sdk", "anthropic-sdk", "mixed", "any-sll2", "openai-responses", "openai-completions"])
func goldenInteractions(_ name: String) throws {
    let (exchanges, _) = try capture(fixturePath("\(name).pcap"))
    var registry = AdapterRegistry.standard()
    var w = JSONWriter()
    for exchange in exchanges {
        guard let interaction = registry.interaction(for: exchange) else { continue }
        interaction.writeJSON(into: &w)
        w.newline()
    }
    let produced = String(decoding: w.bytes, as: UTF8.self)
    let goldenPath = fixturePath("\(name).interactions.jsonl")
    if ProcessInfo.processInfo.environment["SLICEWATCH_UPDATE_GOLDEN"] == "1" {
        try produced.write(toFile: goldenPath, atomically: true, encoding: .utf8)
    }
    let golden = try String(contentsOfFile: goldenPath, encoding: .utf8)
    let producedLines = produced.split(separator: "\n")
    let goldenLines = golden.split(separator: "\n")
    #expect(producedLines.count == goldenLines.count)
    for (index, (p, g)) in zip(producedLines, goldenLines).enumerated() where p != g {
        Issue.record("\(name) line \(index + 1) differs:\n  got  \(p.prefix(400))\n  want \(g.prefix(400))")
        break
    }
}
