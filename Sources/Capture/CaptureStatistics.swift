// CaptureStatistics: what the packet source read and lost. Kernel counters from pcap_stats are
// 32-bit and cumulative; they are turned into deltas and summed into 64-bit totals here.

/// Cumulative packet-source counters.
public struct CaptureStatistics: Sendable, Equatable {
    /// Packets handed to the pipeline.
    public var packets: UInt64 = 0
    /// Captured bytes handed to the pipeline.
    public var bytes: UInt64 = 0
    /// Packets the kernel received for this handle (pcap_stats ps_recv, summed deltas).
    public var kernelReceived: UInt64 = 0
    /// Packets the kernel dropped because the capture buffer was full (ps_drop, summed deltas).
    public var kernelDropped: UInt64 = 0
    /// Packets the interface or driver dropped (ps_ifdrop, summed deltas).
    public var interfaceDropped: UInt64 = 0
    /// Packets slicewatch dropped because the pipeline queue was full (live capture only).
    public var queueDropped: UInt64 = 0

    public init() {}

    /// Adds the change between two cumulative 32-bit pcap_stats readings, allowing for wrap-around.
    mutating func addKernelDeltas(
        received: (old: UInt32, new: UInt32), dropped: (old: UInt32, new: UInt32), ifDropped: (old: UInt32, new: UInt32)
    ) {
        kernelReceived &+= UInt64(received.new &- received.old)
        kernelDropped &+= UInt64(dropped.new &- dropped.old)
        interfaceDropped &+= UInt64(ifDropped.new &- ifDropped.old)
    }
}

extension CaptureStatistics {
    /// Test access to the delta logic that the capture thread uses.
    public mutating func addKernelDeltasForTesting(
        received: (UInt32, UInt32), dropped: (UInt32, UInt32), ifDropped: (UInt32, UInt32)
    ) {
        addKernelDeltas(received: received, dropped: dropped, ifDropped: ifDropped)
    }
}
