// AdapterRegistry: turns HTTP exchanges into interactions — picks the adapter by request path (any
// prefix, so proxies and `/openai/v1/...` work) and body shape, honours configured routes and generic
// APIs, fills the fields every API shares, and counts what it could not use. Pure; no I/O.

import HTTPStream
import JSON
import Reassembly
import Wire

/// A configured override: requests whose path matches `pattern` are read as `kind`.
public struct AdapterRoute: Sendable, Hashable {
    public var pattern: String
    public var kind: APIKind

    public init(pattern: String, kind: APIKind) {
        self.pattern = pattern
        self.kind = kind
    }

    /// Parses the CLI form `PATTERN=KIND`, e.g. `/gateway/chat=openai.chat`. Throws a message naming the problem.
    public static func parse(_ spec: String) throws -> AdapterRoute {
        guard let eq = spec.lastIndex(of: "=") else {
            throw ConfigurationError("route \"\(spec)\": expected PATH_PATTERN=KIND")
        }
        let pattern = String(spec[..<eq])
        let kindName = String(spec[spec.index(after: eq)...])
        guard !pattern.isEmpty else { throw ConfigurationError("route \"\(spec)\": empty path pattern") }
        guard let kind = APIKind(rawValue: kindName), kind != .generic else {
            let allowed = APIKind.allCases.filter { $0 != .generic }.map(\.rawValue).joined(separator: ", ")
            throw ConfigurationError("route \"\(spec)\": unknown API \"\(kindName)\"; allowed: \(allowed)")
        }
        return AdapterRoute(pattern: pattern, kind: kind)
    }
}

/// What the registry did with the exchanges it saw.
public struct InteractionCounters: Sendable, Hashable {
    public var exchanges: UInt64 = 0
    public var interactions: UInt64 = 0
    /// Per API kind (raw value), interactions produced.
    public var byKind: [String: UInt64] = [:]
    /// Exchanges skipped because no adapter recognised the endpoint (counted, not printed).
    public var unknownEndpoint: UInt64 = 0
    /// Exchanges skipped because they had no request (response-only records).
    public var withoutRequest: UInt64 = 0
    /// Interactions whose request or response body (or an event) was not valid JSON.
    public var parseErrors: UInt64 = 0
    public var apiErrors: UInt64 = 0
    public var incomplete: UInt64 = 0
    public var noResponse: UInt64 = 0

    public init() {}
}

/// Chooses adapters and builds interactions.
public struct AdapterRegistry: Sendable {
    public var routes: [AdapterRoute]
    public var generic: [GenericAdapter]
    private let adapters: [APIKind: any APIAdapter]
    public private(set) var counters = InteractionCounters()
    /// Long conversation texts (system prompts, resent history) recently found free of secrets.
    private var cleanTexts = CleanTexts()

    /// - Parameters:
    ///   - adapters: the adapter for each built-in API kind.
    ///   - routes: path overrides, checked first (in order).
    ///   - generic: configured generic APIs, checked after routes.
    public init(adapters: [any APIAdapter], routes: [AdapterRoute] = [], generic: [GenericAdapter] = []) {
        var byKind: [APIKind: any APIAdapter] = [:]
        for a in adapters { byKind[a.kind] = a }
        self.adapters = byKind
        self.routes = routes
        self.generic = generic
    }

    /// The interaction for an exchange, or nil (counted) when it is not a model call slicewatch can read.
    public mutating func interaction(for exchange: HTTPExchange) -> Interaction? {
        counters.exchanges &+= 1
        guard let request = exchange.request else {
            counters.withoutRequest &+= 1
            return nil
        }
        let path = RequestPath.path(of: request.head.target)
        // The request body is read in place; a body that is not JSON reads as none (flagged below). The result is
        // stored from inside the closures rather than returned through them: their generic results copied the
        // whole interaction (a retain and release of each of its fields).
        var scanner = JSONScanner()
        var result: Interaction?
        request.body.bytes.withUnsafeBufferPointer { bytes in
            if !bytes.isEmpty, (try? scanner.withDocument(bytes, { result = interaction(for: exchange, request: request, path: path, body: $0) })) != nil {
                return
            }
            result = interaction(for: exchange, request: request, path: path, body: nil)
        }
        return result.take()
    }

    private mutating func interaction(
        for exchange: HTTPExchange, request: HTTPRequest, path: String, body: JSONView?
    ) -> Interaction? {
        let adapter: (any APIAdapter)?
        if let route = routes.first(where: { Self.glob($0.pattern, matches: path) }) {
            adapter = adapters[route.kind]
        } else if let g = generic.first(where: { $0.matches(path: path) }) {
            adapter = g
        } else if let kind = Self.kind(forPath: path) ?? Self.kind(forBody: body, headers: request.head.headers) {
            adapter = adapters[kind]
        } else {
            adapter = nil
        }
        guard let adapter else {
            counters.unknownEndpoint &+= 1
            return nil
        }
        var interaction = Self.common(exchange, request: request, kind: adapter.kind, path: path)
        if body == nil && !request.body.bytes.isEmpty { interaction.flags.insert(.parseError) }
        adapter.read(exchange, request: body, into: &interaction)
        if let status = interaction.status, status >= 400 { interaction.flags.insert(.apiError) }
        if interaction.error != nil { interaction.flags.insert(.apiError) }
        count(interaction)
        return (consume interaction).scrubbed(remembering: &cleanTexts)
    }

    private mutating func count(_ i: Interaction) {
        counters.interactions &+= 1
        counters.byKind[i.api.rawValue, default: 0] &+= 1
        if i.flags.contains(.parseError) { counters.parseErrors &+= 1 }
        if i.flags.contains(.apiError) { counters.apiErrors &+= 1 }
        if i.flags.contains(.incomplete) { counters.incomplete &+= 1 }
        if i.flags.contains(.noResponse) { counters.noResponse &+= 1 }
    }

    /// The fields every API shares: id, connection, request line, timestamps, status, latency, capture flags.
    static func common(_ exchange: HTTPExchange, request: HTTPRequest, kind: APIKind, path: String) -> Interaction {
        let micros = request.firstByte.nanoseconds / 1000
        var i = Interaction(id: "\(micros)-\(exchange.connection.serial)-\(exchange.index)", api: kind)
        i.connection = ConnectionInfo(
            id: exchange.connection.serial, client: exchange.connection.client.description,
            server: exchange.connection.server.description)
        i.method = request.head.method
        i.path = path
        i.host = request.head.headers["host"]
        i.requestStart = request.firstByte
        i.requestEnd = request.lastByte
        if let response = exchange.response {
            i.status = response.head.status
            i.responseStart = response.firstByte
            i.responseEnd = response.lastByte
            i.timeToFirstByte = OpenAIContent.seconds(from: request.lastByte, to: response.firstByte)
            i.timeToFirstToken = i.timeToFirstByte
            i.latency = OpenAIContent.seconds(from: request.firstByte, to: response.lastByte)
            if !response.complete { i.flags.insert(.incomplete) }
            if response.body.truncated { i.flags.insert(.truncated) }
        } else {
            i.flags.insert(.noResponse)
        }
        if exchange.flags.contains(.gap) { i.flags.insert(.gap) }
        if exchange.flags.contains(.incomplete) { i.flags.insert(.incomplete) }
        if exchange.flags.contains(.bodyTruncated) { i.flags.insert(.truncated) }
        if request.body.truncated { i.flags.insert(.truncated) }
        return i
    }

    /// The built-in API a path names, matched on its last segments so any prefix works.
    public static func kind(forPath path: String) -> APIKind? {
        if path.hasSuffix("/chat/completions") { return .openAIChat }
        if path.hasSuffix("/responses") { return .openAIResponses }
        if path.hasSuffix("/messages") { return .anthropicMessages }
        if path.hasSuffix("/completions") { return .openAICompletions }
        return nil
    }

    /// The built-in API a request body's shape suggests, for gateways with their own paths.
    public static func kind<N: JSONNode>(forBody body: N?, headers: HTTPHeaders) -> APIKind? {
        guard let body, body["model"] != nil else { return nil }
        if body["messages"] != nil {
            if headers["anthropic-version"] != nil || body["system"] != nil && body["max_tokens"] != nil {
                return .anthropicMessages
            }
            return .openAIChat
        }
        if body["input"] != nil { return .openAIResponses }
        if body["prompt"] != nil { return .openAICompletions }
        return nil
    }

    /// Glob match with `*` matching any run of characters (including "/").
    public static func glob(_ pattern: String, matches text: String) -> Bool {
        RequestPath.glob(pattern, matches: text)
    }
}
