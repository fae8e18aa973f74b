// ConfigDescription: `describe()` — the effective configuration as YAML, every key with its value and, in a
// comment, where the value came from (file line, environment variable, flag or default); secrets redacted.

extension SidecarConfiguration {
    /// The effective configuration as YAML that reads back as the same configuration (secrets excepted: they are
    /// printed as `<redacted>`), each key followed by `# ORIGIN` (`slicewatch.yaml:4`, `$SLICEWATCH_...`, `--...`,
    /// `default`).
    public func describe() -> String {
        var lines = ["# slicewatch run: effective configuration; after each key, where its value came from"]
        for section in ConfigKey.sections {
            let keys = ConfigKey.all.filter { $0.section == section.name }
            let standalone = keys.count == 1 && keys[0].name == section.name
            if !standalone { lines.append(section.name + ":") }
            for key in keys {
                let leaf = standalone ? key.name : String(key.name.dropFirst(section.name.count + 1))
                let indent = standalone ? 0 : 2
                let origin = origins[key.name] ?? .defaultValue
                var entry: [String]
                if let node = key.type.node(for: key.get(self), redact: true) {
                    entry = YAMLText.entry(leaf, node, indent: indent)
                } else {
                    entry = [String(repeating: " ", count: indent) + leaf + ": ~"]
                }
                let note = origin == .defaultValue && key.get(self) == .unset ? "not set" : origin.description
                entry[0] = Self.padded(entry[0]) + "# " + note
                lines += entry
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func padded(_ line: String) -> String {
        line.count >= 43 ? line + "  " : line + String(repeating: " ", count: 45 - line.count)
    }
}
