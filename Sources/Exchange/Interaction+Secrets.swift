// Interaction+Secrets: removes key-like strings (API keys, bearer tokens, JWTs, cloud keys) from every text
// field of an interaction, so secrets never reach output or storage.

extension Interaction {
    /// A copy with SecretScrubber applied to every free-text field.
    public func scrubbed() -> Interaction {
        var i = self
        i.input = SecretScrubber.scrub(input)
        i.output = SecretScrubber.scrub(output)
        i.conversation = conversation.map { Turn(role: $0.role, text: SecretScrubber.scrub($0.text)) }
        if let refusal { i.refusal = SecretScrubber.scrub(refusal) }
        if let message = error?.message { i.error?.message = SecretScrubber.scrub(message) }
        if let host { i.host = SecretScrubber.scrub(host) }
        if let path { i.path = SecretScrubber.scrub(path) }
        return i
    }
}
