// AdapterRegistry+Standard: the registry with every built-in adapter, plus configured routes and generic
// APIs — what the CLI and the sidecar use.

extension AdapterRegistry {
    /// The built-in adapters (OpenAI chat, responses, legacy completions; Anthropic messages) with the given
    /// path overrides and generic APIs.
    public static func standard(routes: [AdapterRoute] = [], generic: [GenericAPIConfiguration] = []) -> AdapterRegistry {
        AdapterRegistry(
            adapters: [
                OpenAIChatAdapter(), OpenAIResponsesAdapter(), OpenAICompletionsAdapter(), AnthropicMessagesAdapter(),
            ],
            routes: routes, generic: generic.map(GenericAdapter.init))
    }
}
