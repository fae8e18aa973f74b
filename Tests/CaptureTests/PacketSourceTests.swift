// PacketSourceTests: real libpcap reading real files written by the test kit — packets, timestamps,
// filters, and a clear CaptureError for every bad input (missing, not a capture, truncated, bad link type).

import Capture
import Foundation
import SliceWatchTesting
import Testing
import Wire

private func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("slicewatch-\(getpid())-\(name)").path
}

private func samplePcap(packets: Int, port: UInt16 = 8080, linkType: LinkType = .ethernet) -> PcapFileWriter {
    let client = Endpoint(address: IPAddress(ipv4: 127, 0, 0, 1), port: 40_000)
    let server = Endpoint(address: IPAddress(ipv4: 127, 0, 0, 1), port: port)
    var writer = PcapFileWriter(linkType: linkType)
    let builder = FrameBuilder(linkType: linkType)
    for i in 0..<packets {
        let seg = TCPSegment(
            source: client, destination: server, sequence: UInt32(1000 + i * 10), acknowledgment: 1,
            flags: [.ack, .psh], payload: Array("0123456789".utf8)[...])
        writer.append(builder.frame(seg), at: Timestamp(nanoseconds: 1_700_000_000_000_000_000 + Int64(i) * 1_000))
    }
    return writer
}

private func readAll(_ source: PacketSource) -> (packets: Int, times: [Timestamp]) {
    source.start()
    var count = 0
    var times: [Timestamp] = []
    while let batch = source.next() {
        count += batch.count
        for i in 0..<batch.count { times.append(batch.timestamps[i]) }
    }
    return (count, times)
}

@Test func readsEveryPacketOfAFileInOrder() throws {
    let path = temporaryPath("ok.pcap")
    try samplePcap(packets: 5000).write(to: path)
    defer { unlink(path) }
    let source = try PacketSource(.file(path))
    #expect(source.linkType == .ethernet)
    let (count, times) = readAll(source)
    #expect(count == 5000)
    #expect(times.first == Timestamp(nanoseconds: 1_700_000_000_000_000_000))
    #expect(times == times.sorted())
    #expect(source.endError == nil)
    #expect(source.statistics.packets == 5000)
}

@Test func nanosecondFilesKeepTheirPrecision() throws {
    let path = temporaryPath("ns.pcap")
    var w = PcapFileWriter(linkType: .raw, nanosecond: true)
    w.append([0x45, 0, 0, 20] + [UInt8](repeating: 0, count: 16), at: Timestamp(nanoseconds: 1_000_000_000_123_456_789))
    try w.write(to: path)
    defer { unlink(path) }
    let (_, times) = readAll(try PacketSource(.file(path)))
    #expect(times == [Timestamp(nanoseconds: 1_000_000_000_123_456_789)])
}

@Test func filterSelectsPackets() throws {
    let path = temporaryPath("filter.pcap")
    var w = samplePcap(packets: 10, port: 8080)
    let other = samplePcap(packets: 7, port: 9090).bytes.dropFirst(24)
    var bytes = w.bytes
    bytes += other
    w = PcapFileWriter(linkType: .ethernet)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    defer { unlink(path) }
    let (count, _) = readAll(try PacketSource(.file(path), options: .init(filter: "tcp port 9090")))
    #expect(count == 7)
}

@Test func badFilterIsAClearError() throws {
    let path = temporaryPath("badfilter.pcap")
    try samplePcap(packets: 1).write(to: path)
    defer { unlink(path) }
    #expect {
        try PacketSource(.file(path), options: .init(filter: "tcp port banana"))
    } throws: { ($0 as? CaptureError)?.code == .badFilter }
}

@Test func missingFileIsAClearError() {
    #expect {
        try PacketSource(.file("/nonexistent/capture.pcap"))
    } throws: { error in
        let e = error as? CaptureError
        return e?.code == .fileNotFound && e?.message.contains("/nonexistent/capture.pcap") == true
    }
}

@Test(arguments: [Array("this is not a capture file at all, just text\n".utf8), [0xd4, 0xc3]])
func nonCaptureFileIsAClearError(_ bytes: [UInt8]) throws {
    let path = temporaryPath("text-\(bytes.count).pcap")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    defer { unlink(path) }
    #expect {
        try PacketSource(.file(path))
    } throws: { ($0 as? CaptureError)?.code == .notACapture }
}

@Test func truncatedFileKeepsWhatCameBeforeTheCut() throws {
    let path = temporaryPath("cut.pcap")
    let full = samplePcap(packets: 100).bytes
    // 24-byte file header, then 100 equal records: cut in the middle of record 61.
    let record = (full.count - 24) / 100
    let cut = 24 + 60 * record + record / 2
    try Data(full.prefix(cut)).write(to: URL(fileURLWithPath: path))
    defer { unlink(path) }
    let source = try PacketSource(.file(path))
    let (count, _) = readAll(source)
    #expect(count == 60)
    #expect(source.endError?.code == .truncatedFile)
}

@Test func unsupportedLinkTypeIsAClearError() throws {
    let path = temporaryPath("linktype.pcap")
    var bytes = samplePcap(packets: 1).bytes
    bytes[20] = 147  // LINKTYPE_USER0
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    defer { unlink(path) }
    #expect {
        try PacketSource(.file(path))
    } throws: { ($0 as? CaptureError)?.code == .unsupportedLinkType }
}

@Test func missingInterfaceIsAClearError() {
    #expect {
        try PacketSource(.interface("nosuchif0"))
    } throws: { error in
        let code = (error as? CaptureError)?.code
        // Without capture permission libpcap may report the permission problem first.
        return code == .noSuchInterface || code == .permissionDenied
    }
}

@Test func kernelCounterDeltasSurviveWrapAround() {
    var stats = CaptureStatistics()
    stats.addKernelDeltasForTesting(received: (UInt32.max - 5, 10), dropped: (0, 3), ifDropped: (7, 7))
    #expect(stats.kernelReceived == 16)
    #expect(stats.kernelDropped == 3)
    #expect(stats.interfaceDropped == 0)
}
