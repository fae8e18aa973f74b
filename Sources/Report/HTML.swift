// HTML: escaping of text and attribute values, truncation of long inputs, and the small writer the sections
// build the page with. Every piece of model text reaches the page through `HTML.escape`.

enum HTML {
    /// `text` safe inside an element or a quoted attribute value: `& < > " '` become character references, and
    /// control characters other than tab, line feed and carriage return become U+FFFD.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: needsWork) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}", "\u{7F}"..."\u{9F}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` cut to at most `limit` characters, ending with "…" when it was cut.
    static func truncate(_ text: String, to limit: Int) -> String {
        guard limit > 1 else { return limit == 1 ? "…" : "" }
        var end = text.startIndex
        var n = 0
        while end < text.endIndex {
            if n == limit { return String(text[..<text.index(before: end)]) + "…" }
            end = text.index(after: end)
            n += 1
        }
        return text
    }

    /// Bytes whose presence sends `escape` down its slow path: markup characters and controls (C1 controls
    /// are two bytes in UTF-8 starting 0xC2, so that lead byte is a cheap over-approximation).
    private static func needsWork(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0x7F, 0xC2:
            return true
        default:
            return byte < 0x20
        }
    }
}

/// Appends HTML to a string: elements with escaped attribute values, escaped text, and trusted raw markup.
struct HTMLWriter {
    private(set) var output = ""

    init(capacity: Int = 0) { output.reserveCapacity(capacity) }

    /// Appends markup the renderer made itself (never model text).
    mutating func raw(_ markup: String) { output += markup }

    /// Appends text, escaped.
    mutating func text(_ text: String) { output += HTML.escape(text) }

    /// Opens an element; attribute values are escaped.
    mutating func open(_ tag: String, class cls: String? = nil, _ attributes: KeyValuePairs<String, String> = [:]) {
        output += "<" + tag
        if let cls { output += " class=\"" + HTML.escape(cls) + "\"" }
        for (name, value) in attributes { output += " " + name + "=\"" + HTML.escape(value) + "\"" }
        output += ">"
    }

    /// Closes an element.
    mutating func close(_ tag: String) { output += "</" + tag + ">" }

    /// An element holding escaped text.
    mutating func element(
        _ tag: String, class cls: String? = nil, _ attributes: KeyValuePairs<String, String> = [:], text: String
    ) {
        open(tag, class: cls, attributes)
        self.text(text)
        close(tag)
    }

    /// An element whose content `body` writes.
    mutating func element(
        _ tag: String, class cls: String? = nil, _ attributes: KeyValuePairs<String, String> = [:],
        _ body: (inout HTMLWriter) -> Void
    ) {
        open(tag, class: cls, attributes)
        body(&self)
        close(tag)
    }

    /// A model input shortened for the page, its full text in the title attribute.
    mutating func example(_ text: String, limit: Int = 200) {
        let short = HTML.truncate(text, to: limit)
        if short == text {
            element("span", class: "ex", text: text)
        } else {
            element("span", class: "ex", ["title": text], text: short)
        }
    }
}
