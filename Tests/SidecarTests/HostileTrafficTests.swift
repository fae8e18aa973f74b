// HostileTrafficTests: the whole decoding pipeline on mangled real traffic — bytes flipped, packets
// dropped, duplicated, reordered and cut — must never trap, must keep its buffers bounded, and must
// still count what it could not use.

import Capture
import Foundation
import HTTPStream
import Reassembly
import Sidecar
import SliceWatchTesting
import Testing
import Wire

private func frames(of path: String) throws -> (LinkType, [([UInt8], Timestamp)]) {
    let source = try PacketSource(.file(path))
    source.start()
    var out: [([UInt8], Timestamp)] = []
    while let batch = source.next() {
        for i in 0..<batch.count { out.append((Array(batch.frame(i)), batch.timestamps[i])) }
    }
    return (source.linkType, out)
}

@Test(arguments: [1, 2, 3, 4])
func mangledRealTrafficNeverTraps(seed: UInt64) throws {
    let (link, original) = try frames(of: fixturePath("mixed.pcap"))
    var rng = SplitMix64(seed: seed)
    var mangled: [([UInt8], Timestamp)] = []
    for (frame, time) in original {
        var f = frame
        switch rng.next() % 10 {
        case 0: continue  // dropped
        case 1: mangled.append((f, time))  // duplicated
        case 2:  // bytes flipped anywhere, headers included
            for _ in 0..<(1 + Int(rng.next() % 8)) { f[Int(rng.next() % UInt64(f.count))] ^= UInt8(truncatingIfNeeded: rng.next() | 1) }
        case 3: f = Array(f.prefix(Int(rng.next() % UInt64(f.count + 1))))  // cut
        case 4 where !mangled.isEmpty:  // swapped with the previous packet
            let last = mangled.removeLast()
            mangled.append((f, time))
            f = last.0
        default: break
        }
        mangled.append((f, time))
    }
    var limits = ReassemblyLimits()
    limits.maxBufferedBytesTotal = 256 << 10
    var pipeline = ExchangePipeline(linkType: link, reassembly: limits)
    var exchanges = 0
    for (frame, time) in mangled {
        pipeline.process(frame: frame[...], at: time) { _ in exchanges += 1 }
        #expect(pipeline.reassembler.counters.bufferedBytes <= 256 << 10)
    }
    pipeline.finish { _ in exchanges += 1 }
    #expect(exchanges > 0)
    #expect(pipeline.decoder.counters.frames == UInt64(mangled.count))
}

@Test func randomGarbageOnAnHTTPPortIsCountedNotParsedForever() throws {
    var rng = SplitMix64(seed: 99)
    var conv = TCPConversation()
    var script = PcapScript()
    script.add(conv.handshake())
    for _ in 0..<300 {
        let garbage = (0..<1400).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        script.add(rng.next() % 2 == 0 ? conv.clientSends(garbage) : conv.serverSends(garbage))
    }
    // A valid exchange after the garbage is still found.
    script.add(conv.clientSends("GET /after HTTP/1.1\r\nHost: x\r\n\r\n"))
    script.add(conv.serverSends("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("garbage-\(getpid()).pcap").path
    try script.write(to: path)
    defer { unlink(path) }
    let (exchanges, summary) = try capture(path)
    #expect(summary.http.skippedBytes > 0)
    #expect(exchanges.contains { $0.request?.head.target == "/after" && $0.response?.body.text == "ok" })
}
