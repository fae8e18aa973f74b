// Rendezvous: one value handed from one thread to another, once; the reader waits for it.

import Foundation

/// A single value set by one thread and awaited by another.
public final class Rendezvous<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var stored: Value?

    public init() {}

    /// Sets the value and wakes the waiter.
    public func set(_ value: Value) {
        condition.lock()
        stored = value
        condition.broadcast()
        condition.unlock()
    }

    /// The value, waiting until it is set.
    public var value: Value {
        condition.lock()
        defer { condition.unlock() }
        while stored == nil { condition.wait() }
        return stored!
    }
}
