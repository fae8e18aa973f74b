// HTTPHeaders: the ordered header fields of one HTTP message, exactly as they appeared on the wire
// (names keep their original case), with ASCII case-insensitive lookup. The fields are kept as bytes in one
// buffer (a message's head costs two allocations, not two per field); Strings are made only when asked for.

/// One header field: a name and its value (leading and trailing whitespace removed).
public struct HTTPHeaderField: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// Ordered header fields with case-insensitive lookup: `headers["content-type"]`.
public struct HTTPHeaders: Sendable, Hashable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
    /// Every field's name then value, back to back, in order (UTF-8 as received, not checked).
    private var bytes: [UInt8] = []
    /// Two offsets into `bytes` per field: where its name ends (its value starts) and where its value ends.
    /// A field's name starts where the previous field's value ends.
    private var bounds: [Int] = []

    public init() {}

    /// Empty, with room for `bytes` bytes of names and values and `fields` fields (a parser knows both roughly).
    init(reservingBytes bytes: Int, fields: Int) {
        self.bytes.reserveCapacity(bytes)
        bounds.reserveCapacity(2 * fields)
    }

    public init(_ fields: [HTTPHeaderField]) {
        for field in fields { add(name: field.name, value: field.value) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        for (name, value) in elements { add(name: name, value: value) }
    }

    /// The fields as Strings (invalid UTF-8 repaired), in order.
    public var fields: [HTTPHeaderField] { Array(self) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { bounds.count / 2 }

    public subscript(position: Int) -> HTTPHeaderField {
        let (name, value) = ranges(position)
        return HTTPHeaderField(
            name: String(decoding: bytes[name], as: UTF8.self), value: String(decoding: bytes[value], as: UTF8.self))
    }

    public mutating func add(name: String, value: String) { add(name: name.utf8, value: value.utf8) }

    /// Adds a field from the bytes of its name and (trimmed) value.
    mutating func add(name: some Collection<UInt8>, value: some Collection<UInt8>) {
        bytes.append(contentsOf: name)
        bounds.append(bytes.count)
        bytes.append(contentsOf: value)
        bounds.append(bytes.count)
    }

    /// Appends bytes to the last field's value (obs-fold continuation lines).
    mutating func appendToLastValue(_ more: some Collection<UInt8>) {
        guard !bounds.isEmpty else { return }
        bytes.append(contentsOf: more)
        bounds[bounds.count - 1] = bytes.count
    }

    /// The first value of the named field (case-insensitive), or nil.
    public subscript(name: String) -> String? {
        guard let i = firstIndex(named: name) else { return nil }
        return String(decoding: bytes[ranges(i).value], as: UTF8.self)
    }

    /// All values of the named field (case-insensitive), in order.
    public func values(for name: String) -> [String] {
        var found: [String] = []
        forEachValue(named: name) { found.append(String(decoding: $0, as: UTF8.self)) }
        return found
    }

    /// Whether a field of this name is present (case-insensitive).
    public func contains(_ name: String) -> Bool { firstIndex(named: name) != nil }

    /// Calls `body` with the bytes of every value of the named field (case-insensitive), in order.
    func forEachValue(named name: String, _ body: (ArraySlice<UInt8>) -> Void) {
        forEachField(named: name) { i in
            body(bytes[ranges(i).value])
            return true
        }
    }

    /// The bytes of the first value of the named field, or nil.
    func firstValue(named name: String) -> ArraySlice<UInt8>? {
        firstIndex(named: name).map { bytes[ranges($0).value] }
    }

    private func firstIndex(named name: String) -> Int? {
        var found: Int?
        forEachField(named: name) { i in
            found = i
            return false
        }
        return found
    }

    /// Calls `body` with the index of each field named `name` (ASCII case-insensitive) while it returns true.
    /// Names are compared in place: lookups run for every message, several per head, over every field.
    private func forEachField(named name: String, _ body: (Int) -> Bool) {
        var name = name
        name.withUTF8 { wanted in
            bytes.withUnsafeBufferPointer { all in
                for i in 0..<endIndex {
                    let n = ranges(i).name
                    guard n.count == wanted.count,
                        ByteScan.equalsIgnoringCase(UnsafeBufferPointer(rebasing: all[n]), wanted)
                    else { continue }
                    if !body(i) { return }
                }
            }
        }
    }

    @inline(__always)
    private func ranges(_ i: Int) -> (name: Range<Int>, value: Range<Int>) {
        let start = i == 0 ? 0 : bounds[2 * i - 1]
        let mid = bounds[2 * i]
        return (start..<mid, mid..<bounds[2 * i + 1])
    }
}
