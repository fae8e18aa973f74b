// GenericAPIConfiguration: how to read an API slicewatch has no dedicated adapter for (Ollama, vLLM,
// LiteLLM, in-house gateways) — a request-path glob and JSON pointers to the input, output, model and
// status fields — plus the CLI form `path=/api/generate,input=/prompt,output=/response`.

import JSON

/// Where a generic API keeps its fields.
///
/// `input` points into the request body; `output` and `status` into the response body (for streams:
/// into each SSE event or newline-delimited JSON line); `model` into the response, then the request.
public struct GenericAPIConfiguration: Sendable, Hashable {
    /// A label for the configuration (the CLI default is the path pattern).
    public var name: String
    /// A glob matched against the whole request path without its query: `*` matches any run of
    /// characters, `/` included ("/v1/*/generate", "/openai/*").
    public var pathPattern: String
    /// The prompt text in the request body.
    public var input: JSONPointer
    /// The answer text in the response body, or the piece of it in each streamed event or line.
    public var output: JSONPointer
    /// The model name (looked up in the response first, then in the request).
    public var model: JSONPointer?
    /// An error or status field in the response: a non-null string there becomes
    /// `APIError(type: "status", message: value)` and flags the interaction `.apiError`.
    public var status: JSONPointer?

    public init(
        name: String, pathPattern: String, input: JSONPointer, output: JSONPointer, model: JSONPointer? = nil,
        status: JSONPointer? = nil
    ) {
        self.name = name
        self.pathPattern = pathPattern
        self.input = input
        self.output = output
        self.model = model
        self.status = status
    }

    /// The keys the CLI form accepts.
    public static let keys = ["name", "path", "input", "output", "model", "status"]

    /// Parses the CLI form: comma-separated `key=value` items with keys `path`, `input`, `output`
    /// (required) and `model`, `status`, `name` (optional), e.g.
    /// `path=/api/generate,input=/prompt,output=/response,model=/model,status=/error`.
    /// Throws ConfigurationError naming the offending item, key or value.
    public static func parse(_ spec: String) throws(ConfigurationError) -> GenericAPIConfiguration {
        let context = "generic API spec \"\(spec)\""
        var values: [String: String] = [:]
        for item in spec.split(separator: ",", omittingEmptySubsequences: false) {
            let item = item.trimmingSpaces
            guard !item.isEmpty else { throw ConfigurationError("\(context): empty item (stray comma?)") }
            guard let eq = item.firstIndex(of: "=") else {
                throw ConfigurationError("\(context): item \"\(item)\" is not key=value")
            }
            let key = String(item[..<eq]).trimmingSpaces
            let value = String(item[item.index(after: eq)...]).trimmingSpaces
            guard keys.contains(key) else {
                throw ConfigurationError(
                    "\(context): unknown key \"\(key)\" (allowed: \(keys.joined(separator: ", ")))")
            }
            guard values[key] == nil else { throw ConfigurationError("\(context): key \"\(key)\" given twice") }
            guard !value.isEmpty else { throw ConfigurationError("\(context): key \"\(key)\" has an empty value") }
            values[key] = value
        }
        for key in ["path", "input", "output"] where values[key] == nil {
            throw ConfigurationError("\(context): missing required key \"\(key)\" (need path, input and output)")
        }
        let path = values["path"]!
        guard path.hasPrefix("/") || path.hasPrefix("*") else {
            throw ConfigurationError("\(context): path \"\(path)\" must start with \"/\" (or \"*\")")
        }
        func pointer(_ key: String) throws(ConfigurationError) -> JSONPointer? {
            guard let text = values[key] else { return nil }
            do {
                return try JSONPointer(text)
            } catch {
                let reason = (error as? JSONError)?.message ?? "\(error)"
                throw ConfigurationError("\(context): \(key) \"\(text)\" is not a JSON pointer: \(reason)")
            }
        }
        return GenericAPIConfiguration(
            name: values["name"] ?? path, pathPattern: path, input: try pointer("input")!,
            output: try pointer("output")!, model: try pointer("model"), status: try pointer("status"))
    }

    /// Whether a request path (or full request target: any query or absolute-form prefix is ignored)
    /// matches `pathPattern`.
    public func matches(path: String) -> Bool {
        RequestPath.glob(pathPattern, matches: RequestPath.path(of: path))
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
