/// The query points of one batch call, validated, as contiguous longitude and latitude buffers.
struct QueryBatch: @unchecked Sendable {
    // Unchecked: the buffers are borrowed for the duration of the call and only read.
    let longitudes: UnsafeBufferPointer<Double>
    let latitudes: UnsafeBufferPointer<Double>

    var count: Int { longitudes.count }

    /// Validates the buffers and runs `body` with them.
    static func with<Result>(
        longitudes: [Double], latitudes: [Double],
        _ body: (QueryBatch) throws -> Result
    ) throws -> Result {
        try longitudes.withUnsafeBufferPointer { lons in
            try latitudes.withUnsafeBufferPointer { lats in
                try KernelError.validate(longitudes: lons, latitudes: lats, input: "query")
                return try body(QueryBatch(longitudes: lons, latitudes: lats))
            }
        }
    }
}
