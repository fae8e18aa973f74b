// ExamplePrefixTests: the observer's example cut (bytes for short or plain-ASCII text, characters otherwise)
// gives exactly `String(text.prefix(n))` on a varied corpus, CR LF pairs and combining marks at the cut included.

@testable import Drift
import SliceWatchTesting
import Testing

@Test func examplePrefixMatchesCharacterPrefix() {
    for text in TextCorpus.texts() {
        for n in [0, 1, 2, 5, 17, 160, 239, 240, 241, 480, 481] {
            let cut = InteractionObserver.prefix(text, n)
            #expect(cut == String(text.prefix(n)), "\(text.debugDescription) \(n)")
            #expect(Array(cut.utf8) == Array(String(text.prefix(n)).utf8), "\(text.debugDescription) \(n)")
        }
    }
}
