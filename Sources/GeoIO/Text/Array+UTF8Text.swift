/// Text appended to the UTF-8 byte buffers the file writers fill, in one copy per string: going
/// through `String.UTF8View` as a sequence costs tens of instructions per byte, and the writers
/// append millions of strings.
extension Array where Element == UInt8 {
    /// Appends the UTF-8 bytes of `text`.
    @inline(__always)
    package mutating func append(utf8 text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ append(contentsOf: $0) }) == nil {
            append(contentsOf: text.utf8)
        }
    }

    /// Appends the UTF-8 bytes of `text` unless one of them `needsEscape`; then appends nothing
    /// and returns false, and the caller writes the text the careful way. Inlined, so that the
    /// test of each byte is too.
    @inline(__always)
    package mutating func appendUnlessAny(_ text: String, _ needsEscape: (UInt8) -> Bool) -> Bool {
        let appended = text.utf8.withContiguousStorageIfAvailable { utf8 in
            guard !utf8.contains(where: needsEscape) else { return false }
            append(contentsOf: utf8)
            return true
        }
        if let appended { return appended }
        guard !text.utf8.contains(where: needsEscape) else { return false }
        append(contentsOf: text.utf8)
        return true
    }
}
