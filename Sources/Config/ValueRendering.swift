// ValueRendering: a parsed value written back as a configuration node, in the form the key accepts — so the
// reference's defaults and `describe()` read back as the same value — with secrets redacted on request.

import Drift

extension ValueType {
    /// What `describe()` prints instead of a secret.
    static let redacted = "<redacted>"

    /// The value as a node; nil when unset. `concise` leaves out sink fields equal to their defaults.
    func node(for value: ConfigValue, redact: Bool, concise: Bool = false) -> ConfigNode? {
        func plain(_ text: String) -> ConfigNode { .scalar(text, quoted: false, at: nil) }
        switch value {
        case .unset: return nil
        case .text(let text):
            if case .secret = self, redact { return plain(Self.redacted) }
            return plain(text)
        case .integer(let n):
            if case .size = self { return plain(Sizes.format(n)) }
            return plain("\(n)")
        case .seconds(let s): return plain(Durations.format(s))
        case .url(let url): return plain(url.absoluteString)
        case .listen(let address): return plain(address.description)
        case .window(.count(let n)): return plain("\(n)")
        case .window(.duration(let s)): return plain(Durations.format(s))
        case .interval(.interactions(let n)): return plain("\(n)")
        case .interval(.seconds(let s)): return plain(Durations.format(s))
        case .routes(let routes): return .sequence(routes.map { plain("\($0.pattern)=\($0.kind.rawValue)") }, at: nil)
        case .generic(let apis): return .sequence(apis.map(RouteParsing.node), at: nil)
        case .sinks(let sinks):
            return .sequence(sinks.map { concise ? SinkParsing.conciseNode($0) : SinkParsing.node($0, redact: redact) }, at: nil)
        }
    }
}
