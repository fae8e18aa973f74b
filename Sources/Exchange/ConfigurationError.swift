// ConfigurationError: a configuration value (route, generic API spec, file) that cannot be used, with a
// message that names the key, the value and what is allowed.

/// A configuration value that cannot be used.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
