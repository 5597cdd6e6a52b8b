/// A buffer that several threads write to at disjoint indices: the one way parallel work in this
/// package hands its results back.
///
/// `@unchecked Sendable` because ``Parallel`` gives every index to exactly one thread, and the
/// buffer is read only after the fan-out returns. It borrows the memory: use it only inside the
/// `withUnsafe…BufferPointer` call that lent it.
package struct DisjointBuffer<Element>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Element>
    /// The number of elements.
    package let count: Int

    /// Borrows `buffer` for the duration of a fan-out.
    package init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        base = buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: MemoryLayout<Element>.alignment)!
        count = buffer.count
    }

    @inline(__always)
    package subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }
}
