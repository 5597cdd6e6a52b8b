/// Caller-owned C buffers read into the arrays the kernels take, each checked first: a null
/// pointer or a negative length is the caller's mistake (HC_ERROR_ARGUMENT), named.
enum Buffers {
    static func count(_ value: Int64, _ name: String) throws -> Int {
        guard value >= 0, value <= Int64(Int32.max) else { throw ABIError.argument("\(name) must be from 0 to \(Int32.max), not \(value)") }
        return Int(value)
    }

    static func read<T>(_ pointer: UnsafePointer<T>?, _ count: Int, _ name: String) throws -> [T] {
        guard count > 0 else { return [] }
        guard let pointer else { throw ABIError.argument("\(name) is a null pointer but \(count) values are expected") }
        return Array(UnsafeBufferPointer(start: pointer, count: count))
    }

    static func output<T>(_ pointer: UnsafeMutablePointer<T>?, _ count: Int, _ name: String) throws -> UnsafeMutablePointer<T>? {
        guard count > 0 else { return nil }
        guard let pointer else { throw ABIError.argument("\(name) is a null pointer but \(count) values are to be written") }
        return pointer
    }

    static func write<T>(_ values: [T], to pointer: UnsafeMutablePointer<T>?) {
        guard let pointer else { return }
        values.withUnsafeBufferPointer { pointer.update(from: $0.baseAddress!, count: values.count) }
    }

    static func threads(_ value: Int32) throws -> Int? {
        guard value >= 0 else { throw ABIError.argument("threads must be ≥ 0 (0: one per core), not \(value)") }
        return value == 0 ? nil : Int(value)
    }
}
