// Interaction: the unit everything after the adapters works on — what the agent asked, what the model
// answered, and how the exchange went (status, error, tokens, timing, flags). Built from an HTTPExchange
// by an APIAdapter, or read back from a JSON-lines log.

import Wire

/// One model call as slicewatch understands it.
public struct Interaction: Sendable, Hashable {
    /// Stable id: first request byte time (µs), connection serial and exchange index, e.g. "1763915000123456-3-0".
    public var id: String
    public var api: APIKind
    public var connection: ConnectionInfo?
    public var method: String?
    public var path: String?
    public var host: String?
    public var requestStart: Timestamp?
    public var requestEnd: Timestamp?
    public var responseStart: Timestamp?
    public var responseEnd: Timestamp?

    public var model: String?
    /// The last user turn: its text parts joined with "\n", non-text parts as placeholders like "[image]".
    public var input: String
    /// Every turn of the request, system prompt included, in order.
    public var conversation: [Turn]
    /// Number of user and assistant turns in the request (system turns not counted).
    public var turns: Int
    /// FNV-1a 64-bit hash (16 hex digits) of the system prompt text, when there is one.
    public var systemPromptHash: String?
    public var parameters: SamplingParameters
    /// Names of the tools the request offered.
    public var toolsOffered: [String]
    /// Tool calls the model made, with whether their arguments are valid JSON.
    public var toolCalls: [ToolCall]

    /// The answer text (for streams: assembled from the events).
    public var output: String
    /// OpenAI `finish_reason` / Responses `status`, Anthropic `stop_reason`.
    public var finishReason: String?
    /// OpenAI `refusal` text, or a note such as "stop_reason: refusal" for Anthropic.
    public var refusal: String?
    public var status: Int?
    public var error: APIError?
    public var usage: TokenUsage?
    public var stream: Bool
    /// Seconds from the last request byte to the first response byte.
    public var timeToFirstByte: Double?
    /// Seconds from the last request byte to the first content event (streams) or the first response byte.
    public var timeToFirstToken: Double?
    /// Seconds from the first request byte to the last response byte.
    public var latency: Double?
    public var flags: InteractionFlags

    public init(id: String, api: APIKind) {
        self.id = id
        self.api = api
        input = ""
        conversation = []
        turns = 0
        parameters = SamplingParameters()
        toolsOffered = []
        toolCalls = []
        output = ""
        stream = false
        flags = []
    }
}

/// Which API an interaction was read as.
public enum APIKind: String, Sendable, Hashable, CaseIterable {
    case openAIChat = "openai.chat"
    case openAIResponses = "openai.responses"
    case openAICompletions = "openai.completions"
    case anthropicMessages = "anthropic.messages"
    case generic
}

/// The TCP connection an interaction travelled on.
public struct ConnectionInfo: Sendable, Hashable {
    public var id: UInt64
    public var client: String
    public var server: String
    public init(id: UInt64, client: String, server: String) {
        self.id = id
        self.client = client
        self.server = server
    }
}

/// One turn of a conversation.
public struct Turn: Sendable, Hashable {
    /// "system", "user", "assistant", "tool" (OpenAI "developer" is reported as "system").
    public var role: String
    public var text: String
    public init(role: String, text: String) {
        self.role = role
        self.text = text
    }
}

/// Sampling parameters present in the request (nil: absent).
public struct SamplingParameters: Sendable, Hashable {
    public var temperature: Double?
    public var topP: Double?
    public var maxTokens: Int?
    /// "text", "json_object", "json_schema" (OpenAI response_format / text.format), when given.
    public var responseFormat: String?
    public init() {}
}

/// A tool call made by the model.
public struct ToolCall: Sendable, Hashable {
    public var name: String
    /// Whether the arguments (OpenAI `arguments` string, Anthropic streamed `input_json_delta`) parse as JSON.
    public var argumentsValid: Bool
    public init(name: String, argumentsValid: Bool) {
        self.name = name
        self.argumentsValid = argumentsValid
    }
}

/// An error the API reported (HTTP error body or in-stream error event).
public struct APIError: Sendable, Hashable {
    public var type: String?
    public var message: String?
    public init(type: String?, message: String?) {
        self.type = type
        self.message = message
    }
}

/// Token counts the API reported.
public struct TokenUsage: Sendable, Hashable {
    public var input: Int?
    public var output: Int?
    public var total: Int?
    public init(input: Int? = nil, output: Int? = nil, total: Int? = nil) {
        self.input = input
        self.output = output
        self.total = total
    }
}

/// What was wrong or unusual about an interaction.
public struct InteractionFlags: OptionSet, Sendable, Hashable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// The answer is not whole: a stream cut by reset, gap, end of capture or cap, or a truncated body.
    public static let incomplete = InteractionFlags(rawValue: 1 << 0)
    /// Bytes were missing from the capture.
    public static let gap = InteractionFlags(rawValue: 1 << 1)
    /// A body or event that should be JSON was not.
    public static let parseError = InteractionFlags(rawValue: 1 << 2)
    /// The API answered with an error (HTTP >= 400 or an in-stream error event).
    public static let apiError = InteractionFlags(rawValue: 1 << 3)
    /// A body was cut by a size cap.
    public static let truncated = InteractionFlags(rawValue: 1 << 4)
    /// The request was captured but no response.
    public static let noResponse = InteractionFlags(rawValue: 1 << 5)

    public static let names: [(InteractionFlags, String)] = [
        (.incomplete, "incomplete"), (.gap, "gap"), (.parseError, "parse_error"), (.apiError, "api_error"),
        (.truncated, "truncated"), (.noResponse, "no_response"),
    ]
}
