/// An input the distance kernel refuses: a query or facility coordinate that is not a
/// longitude/latitude, or a parameter out of range.
public struct KernelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which input holds the bad value: `"facility"`, `"query"`, or a parameter name.
    public let input: String
    /// The 0-based position of the bad coordinate in its buffer, when it is one.
    public let index: Int?
    public let reason: String

    public init(input: String, index: Int? = nil, reason: String) {
        self.input = input
        self.index = index
        self.reason = reason
    }

    public var description: String {
        "\(input)\(index.map { " \($0)" } ?? ""): \(reason)"
    }

    /// Checks that every longitude is finite within ±180° and every latitude within ±90°.
    static func validate(longitudes: UnsafeBufferPointer<Double>, latitudes: UnsafeBufferPointer<Double>, input: String) throws {
        guard longitudes.count == latitudes.count else {
            throw KernelError(input: input, reason: "\(longitudes.count) longitudes but \(latitudes.count) latitudes")
        }
        for index in 0..<longitudes.count {
            let lon = longitudes[index], lat = latitudes[index]
            // Written so that NaN fails too: NaN makes every comparison false.
            if !(abs(lon) <= 180 && abs(lat) <= 90) {
                throw KernelError(
                    input: input, index: index,
                    reason: "(\(lon), \(lat)) is not a longitude/latitude (finite, longitude within ±180°, latitude within ±90°)")
            }
        }
    }
}
