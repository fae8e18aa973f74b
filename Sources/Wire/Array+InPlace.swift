// Array+InPlace: visiting an array's elements without copying them. Handing an element of an array to a
// function the compiler cannot see through copies it — a retain and release of everything it references, a
// dozen for an exchange or an interaction — so the hot loops of the pipeline's stages move each element out
// and back instead.

extension Array {
    /// Calls `body` with each element's index and the element, in order, moved out of the array and back
    /// (memory copies only).
    @inlinable
    public mutating func forEachInPlace(_ body: (Int, borrowing Element) -> Void) {
        withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for i in buffer.indices {
                let element = (base + i).move()
                body(i, element)
                (base + i).initialize(to: element)
            }
        }
    }
}
