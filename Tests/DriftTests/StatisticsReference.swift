// StatisticsReference: the SciPy reference values in Tests/Fixtures/statistics/reference.json (written by
// scripts/reference_statistics.py), located from this file's path, and the tolerance check the statistics tests use.

import Foundation
import JSON
import Testing

enum StatisticsReference {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/statistics/reference.json").path

    /// The parsed fixture, loaded once; nil when missing or malformed (tests then fail in `cases`).
    static let document: JSONValue? = FileManager.default.contents(atPath: path).flatMap {
        try? JSONParser().parse([UInt8]($0))
    }

    /// The non-empty array of cases under `key`.
    static func cases(_ key: String) throws -> [JSONValue] {
        let cases = try #require(document?[key]?.array, "reference.json has no '\(key)' (\(path))")
        try #require(!cases.isEmpty)
        return cases
    }
}

/// Relative tolerance for smooth values.
let smooth = 1e-9
/// Relative tolerance for far-tail values (p-values far below 1e-6).
let tail = 1e-6

/// |actual − expected| ≤ relative · |expected|, or both zero, or both the same infinity.
func isClose(_ actual: Double, _ expected: Double, relative: Double, absolute: Double = 0) -> Bool {
    if actual == expected { return true }
    return abs(actual - expected) <= max(relative * abs(expected), absolute)
}

/// The tolerance for a probability: `smooth` for ordinary values, `tail` below 1e-6.
func probabilityTolerance(_ expected: Double) -> Double {
    expected < 1e-6 ? tail : smooth
}

extension JSONValue {
    func number(_ key: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Double {
        try #require(self[key]?.double, "missing number '\(key)'", sourceLocation: sourceLocation)
    }

    func integer(_ key: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        try #require(self[key]?.int, "missing integer '\(key)'", sourceLocation: sourceLocation)
    }

    func integers(_ key: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Int] {
        try #require(self[key]?.array, "missing array '\(key)'", sourceLocation: sourceLocation).map {
            try #require($0.int, sourceLocation: sourceLocation)
        }
    }

    func numbers(_ key: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Double] {
        try #require(self[key]?.array, "missing array '\(key)'", sourceLocation: sourceLocation).map {
            try #require($0.double, sourceLocation: sourceLocation)
        }
    }

    /// An array of numbers where JSON null stands for nil.
    func optionalNumbers(_ key: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Double?] {
        try #require(self[key]?.array, "missing array '\(key)'", sourceLocation: sourceLocation).map {
            (element: JSONValue) throws -> Double? in
            if element.isNull { return nil }
            let value: Double = try #require(element.double, sourceLocation: sourceLocation)
            return value
        }
    }
}
