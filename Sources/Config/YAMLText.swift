// YAMLText: writes configuration nodes back as YAML — flow style for the reference's defaults and error messages,
// block style for `describe()` — quoting only the scalars that would not read back as the same text.

enum YAMLText {
    /// A scalar, plain when it reads back unchanged, else double-quoted.
    static func scalar(_ text: String) -> String {
        needsQuotes(text) ? quoted(text) : text
    }

    /// `[a, b]`, `{k: v}`, scalars as `scalar(_:)`.
    static func flow(_ node: ConfigNode) -> String {
        switch node {
        case .scalar(let text, _, _): scalar(text)
        case .sequence(let items, _): "[" + items.map(flow).joined(separator: ", ") + "]"
        case .mapping(let entries, _): "{" + entries.map { "\(scalar($0.key)): \(flow($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    /// `key: value` at `indent`, or `key:` followed by the value's block lines.
    static func entry(_ key: String, _ value: ConfigNode, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        if isInline(value) { return [pad + scalar(key) + ": " + flow(value)] }
        return [pad + scalar(key) + ":"] + block(value, indent: indent + 2)
    }

    /// The lines of a collection in block style at `indent`.
    static func block(_ node: ConfigNode, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        if isInline(node) { return [pad + flow(node)] }
        switch node {
        case .mapping(let entries, _): return entries.flatMap { entry($0.key, $0.value, indent: indent) }
        case .sequence(let items, _):
            return items.flatMap { item -> [String] in
                if isInline(item) { return [pad + "- " + flow(item)] }
                var lines = block(item, indent: indent + 2)
                if case .mapping = item, let first = lines.first {
                    lines[0] = pad + "- " + first.dropFirst(indent + 2)
                    return lines
                }
                return [pad + "-"] + lines
            }
        case .scalar: return [pad + flow(node)]
        }
    }

    /// Scalars, empty collections and lists of scalars fit on one line.
    private static func isInline(_ node: ConfigNode) -> Bool {
        switch node {
        case .scalar: true
        case .sequence(let items, _): items.allSatisfy { if case .scalar = $0 { true } else { false } }
        case .mapping(let entries, _): entries.isEmpty
        }
    }

    private static func needsQuotes(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last else { return true }
        if ["~", "null", "Null", "NULL"].contains(text) { return true }
        if first.isWhitespace || last.isWhitespace || last == ":" { return true }
        if "-?:,[]{}#&*!|>'\"%@`".contains(first) { return true }
        if text.contains(": ") || text.contains(" #") { return true }
        return text.contains { ",[]{}".contains($0) || $0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } }
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
