// SinkError: why a sink could not be set up (an unusable URL, an empty command); delivery failures are counted,
// never thrown.

/// A configuration problem of a sink, with a message naming it.
public struct SinkError: Error, CustomStringConvertible, Sendable, Hashable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
