// HandOff: a bounded first-in-first-out queue between two threads. The producer waits when it is full,
// the consumer when it is empty; closing lets the consumer drain and then see the end. Bounded, so a
// slow stage slows its producer instead of growing memory. A return lane takes values the consumer is done
// with back to the producer, to be released on the thread that allocated them: glibc's allocator gives each
// thread its own arena, and freeing into another thread's arena contends for its lock (a replay made half its
// futex calls there).

import Foundation

/// A bounded queue handing values from one thread to another.
public final class HandOff<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Value?] = []
    private var head = 0
    private var closed = false
    private var cancelled = false
    private let capacity: Int
    private var givenBack: [Value] = []
    private let returnCapacity: Int

    /// - Parameters:
    ///   - capacity: values queued at most.
    ///   - returnCapacity: values waiting in the return lane at most (more are released by the consumer).
    public init(capacity: Int, returnCapacity: Int = 0) {
        precondition(capacity > 0, "a hand-off needs room for one value")
        self.capacity = capacity
        self.returnCapacity = max(0, returnCapacity)
    }

    /// Values queued now.
    public var count: Int {
        condition.lock()
        defer { condition.unlock() }
        return items.count - head
    }

    /// Queues a value, waiting while the queue is full. Returns false (dropping the value) once cancelled.
    @discardableResult
    public func put(_ value: Value) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count - head >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        items.append(value)
        condition.broadcast()
        return true
    }

    /// The next value, waiting for one; nil once the queue is closed and drained (or cancelled).
    public func take() -> Value? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count && !closed && !cancelled { condition.wait() }
        guard head < items.count, !cancelled, let value = items[head] else { return nil }
        items[head] = nil  // release it now, not when the slot is reused
        head += 1
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= capacity {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return value
    }

    /// The consumer is done with `value`: it goes back to the producer's side (`takeGivenBack`), or, when
    /// `returnCapacity` values are already waiting there, is released here.
    public func giveBack(_ value: consuming Value) {
        condition.lock()
        if givenBack.count < returnCapacity { givenBack.append(value) }
        condition.unlock()
    }

    /// The values given back since the last call, for the producer to release (or reuse) on its own thread.
    public func takeGivenBack() -> [Value] {
        condition.lock()
        defer { condition.unlock() }
        guard !givenBack.isEmpty else { return [] }
        var taken: [Value] = []
        swap(&taken, &givenBack)
        return taken
    }

    /// No more values will be put; the consumer drains what is queued, then gets nil.
    public func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer gives up: producers stop waiting and further puts are refused.
    public func cancel() {
        condition.lock()
        cancelled = true
        items.removeAll()
        head = 0
        condition.broadcast()
        condition.unlock()
    }

    /// Whether the consumer gave up.
    public var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }
}
