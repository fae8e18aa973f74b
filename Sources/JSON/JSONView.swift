// JSONView: one value of a document JSONScanner indexed, read in place — member and element lookup walk the
// token index (skipping whole containers in one step), keys are compared on their bytes, and only the strings
// and numbers a reader takes are decoded. A view is two pointers and an index: no allocation, no reference
// counting, and valid only inside the `withDocument` call that produced it.

/// A read-only value of a scanned JSON document. Do not let it escape `JSONScanner.withDocument`.
public struct JSONView {
    let tokens: UnsafePointer<JSONToken>
    let base: UnsafePointer<UInt8>
    let index: Int

    init(tokens: UnsafePointer<JSONToken>, base: UnsafePointer<UInt8>, index: Int) {
        self.tokens = tokens
        self.base = base
        self.index = index
    }

    public var kind: JSONKind { tokens[index].kind }

    /// The index of the token after this value (and everything inside it).
    @inline(__always)
    var nextIndex: Int {
        let t = tokens[index]
        return t.kind == .object || t.kind == .array ? t.end : index &+ 1
    }

    @inline(__always)
    func at(_ i: Int) -> JSONView { JSONView(tokens: tokens, base: base, index: i) }

    /// The member `key` of an object (the first, when keys repeat); nil for other values or a missing key.
    /// Keys are compared by their UTF-8 bytes after unescaping.
    public subscript(key: String) -> JSONView? {
        guard tokens[index].kind == .object else { return nil }
        // A literal or native key is read in place; `withUTF8` on a copy (a retain and release per lookup, and
        // readers look up several keys per streamed chunk) only for bridged or foreign ones.
        if let found = key.utf8.withContiguousStorageIfAvailable({ member($0) }) { return found }
        var key = key
        return key.withUTF8 { member($0) }
    }

    func member(_ key: UnsafeBufferPointer<UInt8>) -> JSONView? {
        let end = tokens[index].end
        var i = index &+ 1
        while i < end {
            let k = tokens[i]
            if JSONStringText.equals(base, start: k.start, end: k.end, escaped: k.flag, key) { return at(i &+ 1) }
            i = at(i &+ 1).nextIndex
        }
        return nil
    }

    /// Element `index` of an array; nil for other values or out of range.
    public subscript(index: Int) -> JSONView? {
        guard let elements, index >= 0 else { return nil }
        var k = 0
        for element in elements {
            if k == index { return element }
            k &+= 1
        }
        return nil
    }

    /// The elements of an array, nil for other values.
    public var elements: JSONElements? {
        let t = tokens[index]
        guard t.kind == .array else { return nil }
        return JSONElements(tokens: tokens, base: base, startIndex: index &+ 1, endIndex: t.end)
    }

    /// The members of an object in document order, nil for other values.
    public var members: JSONMembers? {
        let t = tokens[index]
        guard t.kind == .object else { return nil }
        return JSONMembers(tokens: tokens, base: base, startIndex: index &+ 1, endIndex: t.end)
    }

    /// The string, unescaped; nil for other values.
    public var string: String? {
        let t = tokens[index]
        guard t.kind == .string else { return nil }
        return JSONStringText.string(base, start: t.start, end: t.end, escaped: t.flag)
    }

    /// Appends the string's UTF-8 (unescaped; not checked, so a reader decodes the whole once) to `bytes`;
    /// false, with nothing appended, for other values. Readers that concatenate many strings (stream deltas)
    /// use it to make one String at the end instead of one per piece.
    public func appendString(to bytes: inout [UInt8]) -> Bool {
        let t = tokens[index]
        guard t.kind == .string else { return false }
        let length = t.end &- t.start
        guard t.flag else {
            bytes.append(contentsOf: UnsafeBufferPointer(start: base + t.start, count: length))
            return true
        }
        // Unescaping never makes text longer: make room for the escaped length, then trim to what was written.
        let before = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: length))
        let written = bytes.withUnsafeMutableBufferPointer {
            JSONStringText.unescape(base, start: t.start, end: t.end, into: $0.baseAddress! + before)
        }
        bytes.removeLast(length &- written)
        return true
    }

    /// Whether the value is the string `text` (compared by UTF-8 bytes, without making a String).
    public func isString(_ text: String) -> Bool {
        let t = tokens[index]
        guard t.kind == .string else { return false }
        var text = text
        return text.withUTF8 { JSONStringText.equals(base, start: t.start, end: t.end, escaped: t.flag, $0) }
    }

    /// The number as a Double, exactly as JSONParser converts it; nil for other values.
    public var double: Double? {
        let t = tokens[index]
        guard t.kind == .number else { return nil }
        return JSONNumber.value(base, start: t.start, end: t.end)
    }

    /// The number as an Int when it is integral and in range (as `JSONValue.int`).
    public var int: Int? {
        guard let d = double, d.rounded() == d, abs(d) < 9.0e15 else { return nil }
        return Int(d)
    }

    public var bool: Bool? {
        let t = tokens[index]
        return t.kind == .bool ? t.flag : nil
    }

    public var isNull: Bool { tokens[index].kind == .null }
    public var isObject: Bool { tokens[index].kind == .object }

    /// The value as a JSONValue tree (what JSONParser would have made of it).
    public var value: JSONValue {
        switch kind {
        case .null: return .null
        case .bool: return .bool(tokens[index].flag)
        case .number: return .number(double!)
        case .string: return .string(string!)
        case .array: return .array(elements!.map(\.value))
        case .object:
            var object = JSONObject()
            for (key, value) in members! { object.append(key, value.value) }
            return .object(object)
        }
    }
}

extension JSONView {
    /// No elements: what a missing or non-array member iterates as (`view["k"]?.elements ?? JSONView.noElements`).
    public static var noElements: JSONElements {
        JSONElements(tokens: nowhere, base: UnsafePointer(nowhereBytes), startIndex: 0, endIndex: 0)
    }
}

/// Storage an empty element range points at (never read).
nonisolated(unsafe) private let nowhere = UnsafePointer(UnsafeMutablePointer<JSONToken>.allocate(capacity: 1))
nonisolated(unsafe) private let nowhereBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)

/// The elements of an array view, in order.
public struct JSONElements: Collection {
    let tokens: UnsafePointer<JSONToken>
    let base: UnsafePointer<UInt8>
    public let startIndex: Int
    public let endIndex: Int

    public subscript(position: Int) -> JSONView { JSONView(tokens: tokens, base: base, index: position) }
    public func index(after i: Int) -> Int { self[i].nextIndex }
}

/// The members of an object view, in document order (keys unescaped).
public struct JSONMembers: Sequence, IteratorProtocol {
    let tokens: UnsafePointer<JSONToken>
    let base: UnsafePointer<UInt8>
    var startIndex: Int
    let endIndex: Int

    public mutating func next() -> (key: String, value: JSONView)? {
        guard startIndex < endIndex else { return nil }
        let key = JSONView(tokens: tokens, base: base, index: startIndex).string ?? ""
        let value = JSONView(tokens: tokens, base: base, index: startIndex &+ 1)
        startIndex = value.nextIndex
        return (key, value)
    }
}
