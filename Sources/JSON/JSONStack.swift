// JSONStack: the parser's growable stacks of finished values and object keys. A container's elements sit on the
// stack until it closes, then move (no retain/release) into an exactly sized Array. Noncopyable, so whatever is
// left on the stack after an error is released exactly once.

/// A growable stack over a raw buffer; allocates on the first push only.
struct JSONStack<Element>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>?
    private var capacity = 0
    private(set) var count = 0

    init() {}

    deinit {
        if let base {
            base.deinitialize(count: count)
            base.deallocate()
        }
    }

    @inline(__always)
    mutating func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (base.unsafelyUnwrapped + count).initialize(to: element)
        count &+= 1
    }

    /// Moves the elements from `start` to the top into a new array and pops them.
    mutating func popArray(from start: Int) -> [Element] {
        let n = count - start
        guard n > 0, let base else { return [] }
        count = start
        var result: [Element] = []
        result.reserveCapacity(n)
        for i in start..<start &+ n { result.append((base + i).move()) }
        return result
    }

    private mutating func grow() {
        let newCapacity = max(16, capacity * 2)
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        if let base {
            newBase.moveInitialize(from: base, count: count)
            base.deallocate()
        }
        base = newBase
        capacity = newCapacity
    }
}
