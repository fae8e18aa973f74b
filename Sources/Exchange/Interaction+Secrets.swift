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

    /// `scrubbed()`, with conversation turns checked against (and added to) `memo`'s recent clean texts.
    public func scrubbed(remembering memo: inout CleanTexts) -> Interaction {
        var i = self
        // Turns are only rewritten (and the array copied) when one holds a secret.
        for k in conversation.indices {
            if let text = memo.scrubbedIfChanged(conversation[k].text) { i.conversation[k].text = text }
        }
        // `input` is usually the last user turn's text: scrub those bytes once.
        if let k = conversation.lastIndex(where: { $0.role == "user" }), Self.sameBytes(conversation[k].text, input) {
            i.input = i.conversation[k].text
        } else {
            i.input = SecretScrubber.scrub(input)
        }
        i.output = SecretScrubber.scrub(output)
        if let refusal { i.refusal = SecretScrubber.scrub(refusal) }
        if let message = error?.message { i.error?.message = SecretScrubber.scrub(message) }
        if let host { i.host = SecretScrubber.scrub(host) }
        if let path { i.path = SecretScrubber.scrub(path) }
        return i
    }

    /// Whether two strings have the same UTF-8 bytes (not merely canonically equivalent ones).
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var a = a
        var b = b
        return a.withUTF8 { x in b.withUTF8 { y in x.elementsEqual(y) } }
    }
}
