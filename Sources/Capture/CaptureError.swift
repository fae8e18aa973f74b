// CaptureError: every way opening or reading a capture can fail, as one Sendable struct with an
// extensible code and a message written for a person.

/// A capture could not be opened or read to its end.
public struct CaptureError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure; new codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        public static let fileNotFound = Code(name: "file not found")
        public static let notACapture = Code(name: "not a pcap or pcapng file")
        public static let truncatedFile = Code(name: "truncated capture file")
        public static let unsupportedLinkType = Code(name: "unsupported link type")
        public static let noSuchInterface = Code(name: "no such interface")
        public static let permissionDenied = Code(name: "permission denied")
        public static let badFilter = Code(name: "invalid BPF filter")
        public static let readFailed = Code(name: "read failed")
        public static let openFailed = Code(name: "open failed")
        public var description: String { name }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
