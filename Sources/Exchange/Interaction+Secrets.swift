// Interaction+Secrets: removes key-like strings (API keys, bearer tokens, JWTs, cloud keys) from every text
// field of an interaction, so secrets never reach output or storage. Text shared by two fields (the input and
// its conversation turn) is scanned once, and nothing is copied when there is nothing to scrub. Turns can go
// through a CleanTexts memo, so a system prompt or history resent with every request is not scanned each time.

extension Interaction {
    /// A copy with SecretScrubber applied to every free-text field.
    public func scrubbed() -> Interaction {
        var memo = CleanTexts()
        return scrubbed(remembering: &memo)
    }

    /// `scrubbed()`, with conversation turns checked against (and added to) `memo`'s recent clean texts. Consumes
    /// the interaction: its fields are rewritten in place rather than copied.
    public consuming func scrubbed(remembering memo: inout CleanTexts) -> Interaction {
        // `input` is usually the last user turn's text: scrub those bytes once.
        let lastUser = conversation.lastIndex { $0.role == "user" }
        let inputTurn = lastUser.flatMap { sameUTF8(conversation[$0].text, input) ? $0 : nil }
        for k in conversation.indices {
            if let text = memo.scrubbedIfChanged(conversation[k].text) { conversation[k].text = text }
        }
        if let k = inputTurn {
            input = conversation[k].text
        } else {
            input = SecretScrubber.scrub(input)
        }
        output = SecretScrubber.scrub(output)
        if let text = refusal { refusal = SecretScrubber.scrub(text) }
        if let message = error?.message { error?.message = SecretScrubber.scrub(message) }
        if let text = host { host = SecretScrubber.scrub(text) }
        if let text = path { path = SecretScrubber.scrub(text) }
        return consume self
    }
}
