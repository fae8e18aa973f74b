// AdapterRegistryTests: adapter choice (path suffix, absolute-form, query, body shape, routes, generic APIs),
// AdapterRoute parsing errors, skipped exchanges and their counters, flags, id and timing fields, secret
// scrubbing of the finished interaction, and the route glob. Exchanges come from OpenAITestSupport.

import Exchange
import HTTPStream
import Testing
import Wire

@Suite struct AdapterRegistryTests {
    typealias F = OpenAIFixture

    static let chatRequest = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}"#
    static let chatResponse = #"{"id":"c1","object":"chat.completion","model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"Hello"},"finish_reason":"stop"}]}"#

    /// A JSON exchange to `path` with `request` body, optionally with extra request headers.
    static func exchange(
        _ path: String, request: String = chatRequest, status: Int = 200, response: String = chatResponse,
        headers: [(String, String)] = [], flags: ExchangeFlags = []
    ) -> HTTPExchange {
        var ex = F.json(path: path, request: request, status: status, response: response, flags: flags)
        for (name, value) in headers { ex.request!.head.headers.add(name: name, value: value) }
        return ex
    }

    static func run(_ ex: HTTPExchange, _ registry: AdapterRegistry = .standard()) -> (Interaction?, InteractionCounters) {
        var registry = registry
        let i = registry.interaction(for: ex)
        return (i, registry.counters)
    }

    // MARK: adapter choice

    @Test(arguments: [
        ("/v1/chat/completions", APIKind.openAIChat),
        ("/openai/v1/chat/completions", .openAIChat),
        ("/proxy/v1/messages?beta=true", .anthropicMessages),
        ("http://api.example/v1/responses", .openAIResponses),
        ("/v1/completions", .openAICompletions),
    ])
    func pathPicksTheAdapter(_ path: String, _ kind: APIKind) {
        let (i, c) = Self.run(Self.exchange(path))
        #expect(i?.api == kind)
        #expect(c.exchanges == 1 && c.interactions == 1 && c.byKind == [kind.rawValue: 1])
        #expect(c.unknownEndpoint == 0)
    }

    @Test func pathIsStrippedOfQueryAndAuthority() {
        #expect(Self.run(Self.exchange("/proxy/v1/messages?beta=true")).0?.path == "/proxy/v1/messages")
        #expect(Self.run(Self.exchange("https://api.example/v1/responses#x")).0?.path == "/v1/responses")
    }

    @Test func unknownEndpointIsSkippedAndCounted() {
        let (i, c) = Self.run(Self.exchange("/v1/embeddings", request: #"{"model":"e","text":"hi"}"#))
        #expect(i == nil)
        #expect(c.exchanges == 1 && c.unknownEndpoint == 1 && c.interactions == 0)
    }

    @Test(arguments: [
        (#"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#, false, APIKind.openAIChat),
        (#"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#, true, .anthropicMessages),
        (#"{"model":"m","system":"s","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"#, false, .anthropicMessages),
        (#"{"model":"m","input":"hi"}"#, false, .openAIResponses),
        (#"{"model":"m","prompt":"hi"}"#, false, .openAICompletions),
    ])
    func bodyShapeOnAnUnknownPath(_ body: String, _ anthropicHeader: Bool, _ kind: APIKind) {
        let headers = anthropicHeader ? [("anthropic-version", "2023-06-01")] : []
        let (i, _) = Self.run(Self.exchange("/gw/llm", request: body, headers: headers))
        #expect(i?.api == kind)
        #expect(i?.input == "hi")
    }

    @Test(arguments: [#"{"messages":[]}"#, #"{"model":"m"}"#, "not json"])
    func unrecognisedBodyOnAnUnknownPathIsSkipped(_ body: String) {
        let (i, c) = Self.run(Self.exchange("/gw/llm", request: body))
        #expect(i == nil && c.unknownEndpoint == 1)
    }

    @Test func routeBeatsPathMatching() throws {
        let route = try AdapterRoute.parse("/gw/*=anthropic.messages")
        #expect(route == AdapterRoute(pattern: "/gw/*", kind: .anthropicMessages))
        let registry = AdapterRegistry.standard(routes: [route])
        #expect(Self.run(Self.exchange("/gw/v1/chat/completions"), registry).0?.api == .anthropicMessages)
        #expect(Self.run(Self.exchange("/gw/v1/chat/completions?x=1"), registry).0?.api == .anthropicMessages)
        #expect(Self.run(Self.exchange("/v1/chat/completions"), registry).0?.api == .openAIChat)
    }

    @Test func routeSplitsAtTheLastEquals() throws {
        #expect(try AdapterRoute.parse("/a=b/*=openai.responses") == AdapterRoute(pattern: "/a=b/*", kind: .openAIResponses))
    }

    @Test(arguments: [
        ("/gw/chat", "expected PATH_PATTERN=KIND"),
        ("=openai.chat", "empty path pattern"),
        ("/gw=openai.embeddings", #"unknown API "openai.embeddings""#),
        ("/gw=generic", #"unknown API "generic""#),
        ("/gw=", #"unknown API """#),
    ])
    func routeParseErrors(_ spec: String, _ fragment: String) {
        do {
            _ = try AdapterRoute.parse(spec)
            Issue.record("\(spec) parsed")
        } catch {
            let message = "\(error)"
            #expect(message.contains(fragment), "\(message)")
            #expect(message.contains("\"\(spec)\""))
            if fragment.hasPrefix("unknown") {
                #expect(message.contains("allowed: openai.chat, openai.responses, openai.completions, anthropic.messages"))
                #expect(!message.hasSuffix("generic"))
            }
        }
    }

    @Test func genericAPIIsCheckedAfterRoutesBeforePaths() throws {
        let config = try GenericAPIConfiguration.parse("path=/api/generate,input=/prompt,output=/response,model=/model")
        let registry = AdapterRegistry.standard(generic: [config])
        let ex = Self.exchange(
            "/api/generate", request: #"{"model":"llama3.2","prompt":"Why?"}"#, response: #"{"response":"Because."}"#)
        let (i, c) = Self.run(ex, registry)
        #expect(i?.api == .generic)
        #expect(i?.input == "Why?" && i?.output == "Because." && i?.model == "llama3.2")
        #expect(c.byKind == ["generic": 1])
        // A route for the same path wins over the generic API.
        let routed = AdapterRegistry.standard(routes: [AdapterRoute(pattern: "/api/*", kind: .openAICompletions)], generic: [config])
        #expect(Self.run(ex, routed).0?.api == .openAICompletions)
    }

    // MARK: skipped exchanges and flags

    @Test func responseOnlyExchangeIsSkipped() {
        var ex = Self.exchange("/v1/chat/completions", flags: .responseOnly)
        ex.request = nil
        let (i, c) = Self.run(ex)
        #expect(i == nil)
        #expect(c.exchanges == 1 && c.withoutRequest == 1 && c.unknownEndpoint == 0 && c.interactions == 0)
    }

    @Test func nonJSONRequestBodyIsAParseError() {
        let (i, c) = Self.run(Self.exchange("/v1/chat/completions", request: "{not json"))
        #expect(i?.flags.contains(.parseError) == true)
        #expect(i?.output == "Hello")
        #expect(c.parseErrors == 1 && c.interactions == 1)
    }

    @Test func emptyRequestBodyIsNotAParseError() {
        let (i, _) = Self.run(Self.exchange("/v1/chat/completions", request: ""))
        #expect(i?.flags.contains(.parseError) == false)
    }

    @Test func serverErrorIsAnAPIError() {
        let (i, c) = Self.run(
            Self.exchange("/v1/chat/completions", status: 500, response: #"{"error":{"message":"boom","type":"server_error"}}"#))
        #expect(i?.status == 500)
        #expect(i?.flags.contains(.apiError) == true)
        #expect(i?.error == APIError(type: "server_error", message: "boom"))
        #expect(c.apiErrors == 1)
    }

    @Test(arguments: [
        (ExchangeFlags.incomplete, InteractionFlags.incomplete),
        (.gap, .gap),
        (.bodyTruncated, .truncated),
    ])
    func exchangeFlagsCarryOver(_ exchangeFlag: ExchangeFlags, _ flag: InteractionFlags) {
        let (i, c) = Self.run(Self.exchange("/v1/chat/completions", flags: exchangeFlag))
        #expect(i?.flags.contains(flag) == true)
        // An answer body with missing or cut bytes is not whole: every such exchange is also incomplete.
        #expect(i?.flags.contains(.incomplete) == true)
        #expect(c.incomplete == 1)
    }

    @Test func cutResponseIsIncomplete() {
        let ex = F.json(path: "/v1/chat/completions", request: Self.chatRequest, response: Self.chatResponse, complete: false)
        #expect(Self.run(ex).0?.flags.contains(.incomplete) == true)
    }

    @Test func noResponse() {
        var ex = Self.exchange("/v1/chat/completions", flags: .noResponse)
        ex.response = nil
        let (i, c) = Self.run(ex)
        #expect(i?.flags.contains(.noResponse) == true)
        #expect(i?.status == nil && i?.latency == nil && i?.timeToFirstByte == nil && i?.responseStart == nil)
        #expect(i?.input == "Hi")
        #expect(c.noResponse == 1 && c.interactions == 1)
    }

    @Test func cleanExchangeHasNoFlags() {
        let (i, c) = Self.run(Self.exchange("/v1/chat/completions"))
        #expect(i?.flags == [])
        #expect(c.parseErrors == 0 && c.apiErrors == 0 && c.incomplete == 0 && c.noResponse == 0)
    }

    // MARK: common fields

    @Test func idConnectionAndRequestLine() {
        var ex = Self.exchange("/v1/chat/completions?x=1")
        ex.index = 3
        ex.connection.serial = 42
        ex.request!.firstByte = Timestamp(seconds: 1_763_915_000, microseconds: 123_456)
        let i = Self.run(ex).0
        #expect(i?.id == "1763915000123456-42-3")
        #expect(i?.connection == ConnectionInfo(id: 42, client: "127.0.0.1:50000", server: "127.0.0.1:443"))
        #expect(i?.method == "POST" && i?.path == "/v1/chat/completions" && i?.host == "api.openai.com")
        #expect(i?.requestStart == ex.request!.firstByte && i?.requestEnd == F.requestEnd)
    }

    @Test func timingFromTimestamps() {
        var ex = Self.exchange("/v1/chat/completions")
        ex.request!.firstByte = Timestamp(seconds: 100, microseconds: 0)
        ex.request!.lastByte = Timestamp(seconds: 100, microseconds: 250_000)
        ex.response!.firstByte = Timestamp(seconds: 101, microseconds: 0)
        ex.response!.lastByte = Timestamp(seconds: 103, microseconds: 500_000)
        let i = Self.run(ex).0
        #expect(i?.timeToFirstByte == 0.75)
        #expect(i?.timeToFirstToken == 0.75)
        #expect(i?.latency == 3.5)
        #expect(i?.responseStart == ex.response!.firstByte && i?.responseEnd == ex.response!.lastByte)
    }

    // MARK: secrets

    @Test func secretsInTheInputAreScrubbed() {
        let body = #"{"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"my key is sk-proj-abcdefghijklmnopqrstuvwxyz123456"}]}"#
        let i = Self.run(Self.exchange("/v1/chat/completions", request: body)).0
        #expect(i?.input == "my key is <SECRET>")
        #expect(i?.conversation == [Turn(role: "system", text: "Be brief."), Turn(role: "user", text: "my key is <SECRET>")])
    }

    @Test func bearerTokenInAnErrorMessageIsScrubbed() {
        let response = #"{"error":{"message":"Invalid header Authorization: Bearer abc123def456ghi789","type":"invalid_request_error"}}"#
        let i = Self.run(Self.exchange("/v1/chat/completions", status: 401, response: response)).0
        #expect(i?.error?.message == "Invalid header Authorization: Bearer <SECRET>")
        #expect(i?.flags.contains(.apiError) == true)
    }

    @Test func secretsInThePathAndOutputAreScrubbed() {
        let response = #"{"id":"c1","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"use sk-ant-api03-aaaaaaaaaaaaaaaaaaaaaaaa"},"finish_reason":"stop"}]}"#
        let i = Self.run(Self.exchange("/v1/chat/completions", response: response)).0
        #expect(i?.output == "use <SECRET>")
    }

    // MARK: glob

    @Test(arguments: [
        ("/gw/*", "/gw/chat", true),
        ("/gw/*", "/gw/", true),
        ("/gw/*", "/gw", false),
        ("/gw/*", "/gw/a/b/c", true),
        ("*", "", true),
        ("*", "/anything", true),
        ("", "", true),
        ("", "/x", false),
        ("/v1/*/generate", "/v1/llama/generate", true),
        ("/v1/*/generate", "/v1/a/b/generate", true),
        ("/v1/*/generate", "/v1/a/generate/x", false),
        ("*/messages", "/proxy/v1/messages", true),
        ("*/messages", "/proxy/v1/messages/count", false),
        ("/a*b*c", "/aXbYc", true),
        ("/a*b*c", "/abbc", true),
        ("/a*b*c", "/acb", false),
        ("/exact", "/exact", true),
        ("/exact", "/exactly", false),
        ("/exact", "/Exact", false),
        ("**", "/x", true),
    ])
    func glob(_ pattern: String, _ text: String, _ expected: Bool) {
        #expect(AdapterRegistry.glob(pattern, matches: text) == expected)
    }
}
