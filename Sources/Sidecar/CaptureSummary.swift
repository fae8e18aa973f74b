// CaptureSummary: every counter of one capture run, from packets to exchanges, and its readable form
// for stderr. Nothing the pipeline skipped or lost goes unreported.

import Capture
import HTTPStream
import Reassembly
import Wire

/// Counters of one capture run, layer by layer.
public struct CaptureSummary: Sendable {
    public var target: CaptureTarget
    public var linkType: LinkType
    public var capture = CaptureStatistics()
    public var wire = WireCounters()
    public var reassembly = ReassemblyCounters()
    public var http = HTTPCounters()
    /// Exchanges written out.
    public var exchanges: UInt64 = 0
    /// Why the capture ended early, if it did (e.g. a truncated file).
    public var endError: CaptureError?
    /// Wall-clock seconds the run took.
    public var elapsedSeconds = 0.0

    public init(target: CaptureTarget, linkType: LinkType) {
        self.target = target
        self.linkType = linkType
    }

    /// A short human-readable report, one topic per line.
    public var text: String {
        let mb = Double(capture.bytes) / 1_000_000
        var lines = [
            "slicewatch capture summary: \(target), link type \(linkType), \(fmt(elapsedSeconds)) s",
            "  packets \(capture.packets), bytes \(capture.bytes) (\(fmt(mb)) MB), kernel drops \(capture.kernelDropped), "
                + "interface drops \(capture.interfaceDropped), queue drops \(capture.queueDropped)",
            "  frames: tcp \(wire.tcpSegments), non-ip \(wire.nonIP), non-tcp \(wire.nonTCP), "
                + "fragments \(wire.fragments), malformed \(wire.malformed), snaplen-cut \(wire.snaplenTruncated)",
            "  connections \(reassembly.connectionsOpened) (mid-stream \(reassembly.midStreamPickups)), "
                + "gaps \(reassembly.gaps) (\(reassembly.gapBytes) bytes), out-of-order \(reassembly.outOfOrderSegments), "
                + "retransmits \(reassembly.retransmittedSegments) (inconsistent \(reassembly.inconsistentRetransmissions)), "
                + "evictions \(reassembly.evictions), idle timeouts \(reassembly.idleTimeouts), "
                + "memory-cap hits \(reassembly.memoryCapHits)",
            "  http: exchanges \(exchanges), requests \(http.requests), responses \(http.responses), "
                + "response-only \(http.responseOnly), no-response \(http.noResponse), parse errors \(http.parseErrors), "
                + "resyncs \(http.resyncs), body truncations \(http.bodyTruncations), decode errors \(http.decodeErrors), "
                + "sse events \(http.sseEvents), memory-budget hits \(http.memoryBudgetHits), tls \(http.tlsConnections), http2 \(http.http2Connections), "
                + "upgrades \(http.upgrades)",
        ]
        if let endError { lines.append("  ended early: \(endError)") }
        if exchanges == 0 && capture.packets > 0 {
            lines.append(
                "  no HTTP/1.1 exchanges found: is the traffic TLS (tls \(http.tlsConnections)) or HTTP/2 "
                    + "(http2 \(http.http2Connections)), or does the filter miss the API port?")
        } else if capture.packets == 0 {
            lines.append("  no packets: the capture is empty or the filter matched nothing")
        }
        return lines.joined(separator: "\n")
    }

    private func fmt(_ v: Double) -> String {
        let scaled = (v * 100).rounded() / 100
        return "\(scaled)"
    }
}
