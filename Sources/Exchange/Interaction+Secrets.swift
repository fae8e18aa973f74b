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
        var i = self
        // `input` is usually the last user turn's text: scrub those bytes once.
        let lastUser = i.conversation.lastIndex { $0.role == "user" }
        let inputTurn = lastUser.flatMap { sameUTF8(i.conversation[$0].text, i.input) ? $0 : nil }
        for k in i.conversation.indices {
            if let text = memo.scrubbedIfChanged(i.conversation[k].text) { i.conversation[k].text = text }
        }
        if let k = inputTurn {
            i.input = i.conversation[k].text
        } else {
            i.input = SecretScrubber.scrub(i.input)
        }
        i.output = SecretScrubber.scrub(i.output)
        if let refusal = i.refusal { i.refusal = SecretScrubber.scrub(refusal) }
        if let message = i.error?.message { i.error?.message = SecretScrubber.scrub(message) }
        if let host = i.host { i.host = SecretScrubber.scrub(host) }
        if let path = i.path { i.path = SecretScrubber.scrub(path) }
        return i
    }
}
