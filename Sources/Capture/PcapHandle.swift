// PcapHandle: the one place that calls libpcap. Opens files (pcap and pcapng) and live interfaces,
// compiles BPF filters, reads packets and kernel statistics, and turns libpcap's errors into CaptureError.

import CPcap
import Foundation
import Wire

/// Settings for a live capture handle.
public struct LiveCaptureOptions: Sendable, Equatable {
    /// Bytes kept of each packet; 262144 keeps whole loopback (64 KiB MTU) and TSO frames.
    public var snaplen: Int32 = 262_144
    /// Kernel capture buffer size in bytes.
    public var bufferSize: Int32 = 64 << 20
    /// Deliver packets as they arrive instead of waiting for the kernel buffer to fill.
    public var immediateMode = true
    /// Promiscuous mode: off, a sidecar only needs its own pod's traffic.
    public var promiscuous = false
    /// How long one read may wait before returning, so stop requests and partial batches are handled.
    public var readTimeoutMilliseconds: Int32 = 100

    public init() {}
}

/// An open libpcap handle. Not thread-safe: owned by the capture thread after opening.
final class PcapHandle {
    let pcap: OpaquePointer
    let linkType: LinkType
    let isLive: Bool
    /// The stdio buffer a file is read through (freed after the handle is closed).
    private let fileBuffer: UnsafeMutablePointer<CChar>?

    private init(pcap: OpaquePointer, isLive: Bool, fileBuffer: UnsafeMutablePointer<CChar>? = nil) throws {
        self.pcap = pcap
        self.isLive = isLive
        self.fileBuffer = fileBuffer
        let dlt = pcap_datalink(pcap)
        guard let linkType = LinkType(dlt: dlt) else {
            let name = pcap_datalink_val_to_name(dlt).map { String(cString: $0) } ?? "unknown"
            pcap_close(pcap)
            fileBuffer?.deallocate()
            throw CaptureError(
                .unsupportedLinkType,
                "link type \(dlt) (\(name)) is not supported; supported: EN10MB, LINUX_SLL, LINUX_SLL2, NULL, LOOP, RAW")
        }
        self.linkType = linkType
    }

    deinit {
        pcap_close(pcap)
        fileBuffer?.deallocate()
    }

    /// Opens a pcap or pcapng file with nanosecond timestamps.
    static func openFile(_ path: String) throws -> PcapHandle {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CaptureError(.fileNotFound, "\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw CaptureError(.openFailed, "\(path) is a directory, not a capture file") }
        // Opened here rather than by libpcap so that it reads through a 1 MiB buffer: with stdio's default
        // 4 KiB, a replay spends a read system call per 4 KiB (about 37,000 for a 150 MB file).
        guard let file = fopen(path, "rb") else {
            let code = errno
            let message = "\(path): \(String(cString: strerror(code)))"
            throw CaptureError(code == EACCES || code == EPERM ? .permissionDenied : .openFailed, message)
        }
        let bufferSize = 1 << 20
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: bufferSize)
        setvbuf(file, buffer, _IOFBF, bufferSize)  // glibc ignores the size unless given the buffer
        var errbuf = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE))
        guard let p = pcap_fopen_offline_with_tstamp_precision(file, UInt32(PCAP_TSTAMP_PRECISION_NANO), &errbuf) else {
            fclose(file)
            buffer.deallocate()
            let message = cString(errbuf)
            if message.contains("truncated") {
                throw CaptureError(.notACapture, "\(path): \(message) (the file is shorter than a capture file header)")
            }
            if message.contains("unknown file format") || message.contains("bad dump file format") {
                throw CaptureError(.notACapture, "\(path): \(message); expected a pcap or pcapng capture")
            }
            if message.contains("ermission") {
                throw CaptureError(.permissionDenied, "\(path): \(message)")
            }
            throw CaptureError(.openFailed, "\(path): \(message)")
        }
        return try PcapHandle(pcap: p, isLive: false, fileBuffer: buffer)
    }

    /// Opens and activates a live capture on an interface (pcap_create + options + pcap_activate).
    static func openInterface(_ name: String, options: LiveCaptureOptions) throws -> PcapHandle {
        var errbuf = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE))
        guard let p = pcap_create(name, &errbuf) else {
            throw CaptureError(.openFailed, "\(name): \(cString(errbuf))")
        }
        pcap_set_snaplen(p, options.snaplen)
        pcap_set_promisc(p, options.promiscuous ? 1 : 0)
        pcap_set_timeout(p, options.readTimeoutMilliseconds)
        pcap_set_immediate_mode(p, options.immediateMode ? 1 : 0)
        pcap_set_buffer_size(p, options.bufferSize)
        _ = pcap_set_tstamp_precision(p, Int32(PCAP_TSTAMP_PRECISION_NANO))
        let status = pcap_activate(p)
        if status < 0 {
            let detail = String(cString: pcap_geterr(p))
            pcap_close(p)
            switch status {
            case PCAP_ERROR_NO_SUCH_DEVICE:
                throw CaptureError(.noSuchInterface, "\(name): no such interface (\(detail)); list them with `ip link`")
            case PCAP_ERROR_PERM_DENIED, PCAP_ERROR_PROMISC_PERM_DENIED:
                throw CaptureError(
                    .permissionDenied,
                    "\(name): capture not permitted (\(detail)); run as root or grant CAP_NET_RAW (setcap cap_net_raw+ep)")
            case PCAP_ERROR_IFACE_NOT_UP:
                throw CaptureError(.openFailed, "\(name): interface is down")
            default:
                throw CaptureError(.openFailed, "\(name): \(detail)")
            }
        }
        return try PcapHandle(pcap: p, isLive: true)
    }

    /// Whether timestamps come back in nanoseconds (otherwise microseconds).
    var nanosecondTimestamps: Bool { pcap_get_tstamp_precision(pcap) == Int32(PCAP_TSTAMP_PRECISION_NANO) }

    /// Compiles and installs a BPF filter expression.
    func setFilter(_ expression: String) throws {
        var program = bpf_program()
        let netmask: bpf_u_int32 = 0xffff_ffff  // PCAP_NETMASK_UNKNOWN
        guard pcap_compile(pcap, &program, expression, 1, netmask) == 0 else {
            throw CaptureError(.badFilter, "\"\(expression)\": \(String(cString: pcap_geterr(pcap)))")
        }
        defer { pcap_freecode(&program) }
        guard pcap_setfilter(pcap, &program) == 0 else {
            throw CaptureError(.badFilter, "\"\(expression)\": \(String(cString: pcap_geterr(pcap)))")
        }
    }

    /// The outcome of one read.
    enum ReadResult {
        case packet
        case timeout
        case end
        case failed(CaptureError)
    }

    /// Reads one packet and appends it to `batch`.
    func read(into batch: inout PacketBatch, nanoseconds: Bool) -> ReadResult {
        var header: UnsafeMutablePointer<pcap_pkthdr>?
        var data: UnsafePointer<UInt8>?
        let r = pcap_next_ex(pcap, &header, &data)
        switch r {
        case 1:
            guard let h = header, let d = data else { return .timeout }
            let sec = Int64(h.pointee.ts.tv_sec)
            let sub = Int64(h.pointee.ts.tv_usec)
            let time = Timestamp(nanoseconds: sec &* 1_000_000_000 &+ (nanoseconds ? sub : sub &* 1000))
            batch.append(
                UnsafeBufferPointer(start: d, count: Int(h.pointee.caplen)), wireLength: Int(h.pointee.len), at: time)
            return .packet
        case 0:
            return .timeout
        case PCAP_ERROR_BREAK:
            return .end
        default:
            let message = String(cString: pcap_geterr(pcap))
            if message.contains("truncated") {
                return .failed(CaptureError(.truncatedFile, "\(message); everything before the cut was processed"))
            }
            return .failed(CaptureError(.readFailed, message))
        }
    }

    /// Kernel counters (cumulative, 32-bit), or nil for files and unsupported platforms.
    func kernelStatistics() -> pcap_stat? {
        guard isLive else { return nil }
        var stats = pcap_stat()
        return pcap_stats(pcap, &stats) == 0 ? stats : nil
    }
}

/// A C string from a NUL-terminated buffer.
private func cString(_ buffer: [CChar]) -> String {
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
}
