// Interaction+Redaction: the copy of an interaction the store keeps — personal data (e-mail addresses, phone
// numbers, cards, IBANs, IP addresses) and credentials replaced with placeholders in every text a person wrote
// or read: the input, the conversation, the answer, a refusal.

import Exchange
import Redaction

extension Interaction {
    /// A copy with `redactor` applied to the input, the conversation turns, the answer and the refusal.
    func redacted(by redactor: Redactor) -> Interaction {
        var i = self
        i.input = redactor.redact(input).text
        i.conversation = conversation.map { Turn(role: $0.role, text: redactor.redact($0.text).text) }
        i.output = redactor.redact(output).text
        if let refusal { i.refusal = redactor.redact(refusal).text }
        return i
    }
}
