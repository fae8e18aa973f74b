// LiveCaptureTests: real traffic, really captured. A real HTTP server and a real keep-alive client
// (Python's http.server and http.client) talk on 127.0.0.1 while libpcap captures `lo`; the exchanges
// slicewatch prints must match what the client sent and received. Skipped, with the reason, when the
// process may not capture or python3 is missing.

import Capture
import Exchange
import Foundation
import HTTPStream
import Sidecar
import Testing

private let script = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/live/loopback_traffic.py").path

/// A free TCP port on 127.0.0.1 (bound, then released).
private func freePort() -> UInt16 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    addr.sin_port = 0
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) }
    }
    _ = withUnsafeMutablePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
    }
    return UInt16(bigEndian: addr.sin_port)
}

private func python() -> String? {
    for path in ["/usr/bin/python3", "/usr/local/bin/python3"] where FileManager.default.isExecutableFile(atPath: path) {
        return path
    }
    return nil
}

/// Why a live capture on `lo` cannot run here, or nil when it can.
private let liveSkipReason: String? = {
    guard python() != nil else { return "python3 is not installed (needed for the real HTTP server and client)" }
    do {
        _ = try PacketSource(.interface("lo"), options: .init(filter: "tcp port 9"))
        return nil
    } catch {
        return "cannot capture on lo: \(error)"
    }
}()

@Test(.enabled(if: liveSkipReason == nil, "\(liveSkipReason ?? "")"))
func liveCaptureOnLoopbackMatchesWhatWasSent() throws {
    let port = freePort()
    var options = CaptureRunOptions()
    options.source.filter = "tcp port \(port)"
    let runner = try CaptureRunner(.interface("lo"), options: options)

    let collected = Collected()
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        let summary = runner.run { collected.append($0) }
        collected.summary = summary
        done.signal()
    }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: python()!)
    process.arguments = [script, String(port), "12"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let truthData = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let truth = String(decoding: truthData, as: UTF8.self).split(separator: "\n").map {
        try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
    }
    #expect(truth.count == 12)

    // Let the last packets (FIN/ACK) arrive, then stop: the runner flushes and returns.
    Thread.sleep(forTimeInterval: 0.5)
    runner.stop()
    #expect(done.wait(timeout: .now() + 10) == .success)

    let exchanges = collected.exchanges.filter { $0.request != nil }
    #expect(exchanges.count == truth.count)
    for (exchange, expected) in zip(exchanges, truth) {
        #expect(exchange.request?.head.method == expected["method"] as? String)
        #expect(exchange.request?.head.target == expected["path"] as? String)
        #expect(exchange.request?.body.text == expected["request_body"] as? String)
        #expect(exchange.response?.head.status == expected["status"] as? Int)
        if let events = expected["events"] as? [String] {
            #expect(exchange.response?.events?.map(\.data) == events)
        } else {
            #expect(exchange.response?.body.text == expected["response_body"] as? String)
        }
        #expect(exchange.flags.isEmpty)
    }
    // The same exchanges read as interactions: what the client asked and what it was answered.
    var registry = AdapterRegistry.standard()
    let interactions = exchanges.compactMap { registry.interaction(for: $0) }
    #expect(interactions.count == truth.count)
    for (interaction, expected) in zip(interactions, truth) {
        let body = try #require(expected["request_body"] as? String)
        let question = try #require(
            (try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]).flatMap {
                (($0["messages"] as? [[String: Any]])?.last?["content"]) as? String
            })
        #expect(interaction.api == .openAIChat)
        #expect(interaction.input == question)
        #expect(interaction.output.replacingOccurrences(of: " ", with: "") == "answerto\(question)".replacingOccurrences(of: " ", with: ""))
        #expect(interaction.flags.isEmpty)
    }
    #expect(collected.summary?.capture.kernelDropped == 0)
    #expect(collected.summary?.reassembly.gaps == 0)
}

/// Exchanges gathered on the capture thread.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [HTTPExchange] = []
    var summary: CaptureSummary?
    func append(_ e: HTTPExchange) { lock.withLock { items.append(e) } }
    var exchanges: [HTTPExchange] { lock.withLock { items } }
}
