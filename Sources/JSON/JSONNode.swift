// JSONNode: the read-only questions readers ask of a JSON value — member, element, string, number, bool, null,
// object — answered both by a parsed tree (JSONValue) and by a view into scanned bytes (JSONView), so a reader
// written once against it works on either.

/// A JSON value that can be read without knowing how it is stored.
public protocol JSONNode {
    associatedtype Elements: Collection where Elements.Element == Self
    /// The member `key` of an object (the first, when keys repeat); nil for other values or a missing key.
    subscript(key: String) -> Self? { get }
    /// Element `index` of an array; nil for other values or out of range.
    subscript(index: Int) -> Self? { get }
    /// The elements of an array; nil for other values.
    var elements: Elements? { get }
    var string: String? { get }
    var double: Double? { get }
    /// The number as an Int when it is integral and in range.
    var int: Int? { get }
    var bool: Bool? { get }
    var isNull: Bool { get }
    var isObject: Bool { get }
}

extension JSONValue: JSONNode {
    public var elements: [JSONValue]? { array }
    public var isObject: Bool { object != nil }
}

extension JSONView: JSONNode {}
