// GenericAdapter and GenericAPIConfiguration tests: Ollama-style /api/generate as JSON and as an NDJSON
// stream, a vLLM-style OpenAI-compatible path with SSE, status fields, path globs and CLI spec errors.

@testable import Exchange
import HTTPStream
import JSON
import Testing

@Suite struct GenericAdapterTests {
    typealias F = AnthropicFixtures

    static let ollama = try! GenericAPIConfiguration.parse(
        "path=/api/generate,input=/prompt,output=/response,model=/model,status=/error")
    static let ollamaRequest = #"{"model":"llama3.2","prompt":"Why is the sky blue?","stream":false}"#

    @Test func ollamaJSON() {
        let body = #"{"model":"llama3.2:latest","created_at":"2026-11-23T17:51:03Z","response":"Rayleigh scattering.","done":true,"done_reason":"stop"}"#
        let i = F.read(GenericAdapter(Self.ollama), F.exchange(path: "/api/generate", request: Self.ollamaRequest, body: body))
        #expect(i.api == .generic)
        #expect(i.input == "Why is the sky blue?")
        #expect(i.conversation == [Turn(role: "user", text: "Why is the sky blue?")])
        #expect(i.turns == 1)
        #expect(i.model == "llama3.2:latest")
        #expect(i.output == "Rayleigh scattering.")
        #expect(!i.stream)
        #expect(i.flags == [] && i.error == nil)
        #expect(i.timeToFirstToken == 0.5)
    }

    @Test(arguments: ["application/x-ndjson", "application/json"])
    func ollamaNDJSONStream(contentType: String) {
        let lines = [
            #"{"model":"llama3.2","response":"Ray","done":false}"#,
            #"{"model":"llama3.2","response":"leigh","done":false}"#,
            #"{"model":"llama3.2","response":"","done":true,"done_reason":"stop"}"#,
        ]
        let ex = F.exchange(
            path: "/api/generate", request: #"{"model":"llama3.2","prompt":"sky?"}"#,
            body: lines.joined(separator: "\n") + "\n", contentType: contentType)
        let i = F.read(GenericAdapter(Self.ollama), ex)
        #expect(i.output == "Rayleigh")
        #expect(i.stream)
        #expect(i.model == "llama3.2")
        #expect(i.flags == [])
    }

    @Test func ndjsonCutMidLine() {
        let body = #"{"response":"Ray"}"# + "\n" + #"{"respo"#
        let ex = F.exchange(
            path: "/api/generate", request: Self.ollamaRequest, body: body, contentType: "application/x-ndjson",
            flags: [.incomplete], complete: false)
        let i = F.read(GenericAdapter(Self.ollama), ex)
        #expect(i.output == "Ray")
        #expect(i.flags == [.incomplete])
    }

    @Test func statusFieldBecomesError() {
        let ex = F.exchange(
            path: "/api/generate", request: Self.ollamaRequest, status: 404,
            body: #"{"error":"model 'llama9' not found"}"#)
        let i = F.read(GenericAdapter(Self.ollama), ex)
        #expect(i.error == APIError(type: "status", message: "model 'llama9' not found"))
        #expect(i.flags == [.apiError])
        let nullStatus = F.exchange(path: "/api/generate", request: Self.ollamaRequest, body: #"{"response":"ok","error":null}"#)
        #expect(F.read(GenericAdapter(Self.ollama), nullStatus).flags == [])
    }

    @Test func vLLMStyleSSE() throws {
        let config = try GenericAPIConfiguration.parse(
            "name=vllm,path=/v1/*/completions,input=/messages/0/content,output=/choices/0/delta/content,model=/model")
        #expect(config.name == "vllm")
        let adapter = GenericAdapter(config)
        #expect(adapter.matches(path: "/v1/chat/completions?x=1"))
        #expect(!adapter.matches(path: "/v1/embeddings"))
        let events = [
            ("message", #"{"model":"Qwen/Qwen2.5-7B","choices":[{"index":0,"delta":{"role":"assistant"}}]}"#),
            ("message", #"{"model":"Qwen/Qwen2.5-7B","choices":[{"index":0,"delta":{"content":"Hi"}}]}"#),
            ("message", #"{"model":"Qwen/Qwen2.5-7B","choices":[{"index":0,"delta":{"content":" there"}}]}"#),
            ("message", "[DONE]"),
        ]
        let ex = F.exchange(
            path: "/v1/chat/completions",
            request: #"{"model":"Qwen/Qwen2.5-7B","stream":true,"messages":[{"role":"user","content":"hello"}]}"#,
            events: events)
        let i = F.read(adapter, ex)
        #expect(i.input == "hello")
        #expect(i.output == "Hi there")
        #expect(i.model == "Qwen/Qwen2.5-7B")
        #expect(i.stream)
        #expect(abs((i.timeToFirstToken ?? 0) - 1.1) < 1e-9)
        #expect(i.flags == [])
    }

    @Test func nonStringValuesAsText() {
        #expect(GenericAdapter.text(.number(3)) == "3")
        #expect(GenericAdapter.text(.array([.string("a"), .string("b")])) == "a\nb")
        #expect(GenericAdapter.text(.object(JSONObject([("k", .bool(true))]))) == #"{"k":true}"#)
    }

    @Test(arguments: [
        ("/api/generate", "/api/generate", true),
        ("/api/generate", "/api/generate?debug=1", true),
        ("/api/generate", "/api/generated", false),
        ("/api/*", "/api/chat", true),
        ("/api/*", "/v1/api/chat", false),
        ("/openai/deployments/*/chat/completions", "/openai/deployments/gpt4o/chat/completions", true),
        ("*", "/anything/at/all", true),
        ("/v1/*/generate", "http://gateway:8080/v1/llama/generate", true),
    ])
    func pathGlob(pattern: String, path: String, matches: Bool) throws {
        let config = try GenericAPIConfiguration.parse("path=\(pattern),input=/p,output=/r")
        #expect(config.matches(path: path) == matches)
    }

    @Test(arguments: [
        ("path=/api/generate,input=/prompt", "missing required key \"output\""),
        ("path=/api/generate,input=/prompt,output=/response,temperature=/t", "unknown key \"temperature\""),
        ("path=/api/generate,input=prompt,output=/response", "input \"prompt\" is not a JSON pointer"),
        ("path=/api/generate,input=/a~2b,output=/response", "input \"/a~2b\" is not a JSON pointer"),
        ("path=api/generate,input=/prompt,output=/response", "path \"api/generate\" must start with \"/\""),
        ("path=/a,input=/p,output=/r,output=/s", "key \"output\" given twice"),
        ("path=/a,input=/p,output", "item \"output\" is not key=value"),
        ("path=/a,,input=/p,output=/r", "empty item"),
        ("path=/a,input=/p,output=/r,model=", "key \"model\" has an empty value"),
    ])
    func specErrors(spec: String, message: String) {
        #expect {
            _ = try GenericAPIConfiguration.parse(spec)
        } throws: { error in
            (error as? ConfigurationError)?.message.contains(message) == true
        }
    }

    @Test func specParses() throws {
        let c = try GenericAPIConfiguration.parse("path=/api/generate, input=/prompt, output=/response")
        #expect(c.name == "/api/generate" && c.pathPattern == "/api/generate")
        #expect(c.input.tokens == ["prompt"] && c.output.tokens == ["response"])
        #expect(c.model == nil && c.status == nil)
    }
}
