import GeoIO

/// The friction rasters that standards measured by ``TravelMeasure/raster`` use, by kind: their
/// paths (the standards file's `friction`, or `--friction`) and, once loaded, their surfaces.
/// Loaded once per run and shared by every analysis of it.
public struct FrictionRasters: Sendable, Equatable {
    /// The raster of each kind, as named.
    public private(set) var paths: [FrictionKind: String]
    private var surfaces: [FrictionKind: TravelSurface] = [:]

    public init(paths: [FrictionKind: String] = [:]) {
        self.paths = paths
    }

    /// The rasters with `kinds` read and checked (``TravelSurface/load(_:)``: seconds per metre,
    /// nodata and infinity impassable, a CRS); those already loaded are kept.
    /// - Throws: ``InputError`` naming the kind that has no raster (in `standardsFile`), or the
    ///   raster file and what is wrong with it.
    public func loading(_ kinds: Set<FrictionKind>, standardsFile: String) throws -> FrictionRasters {
        var copy = self
        for kind in kinds.sorted() where copy.surfaces[kind] == nil {
            guard let path = paths[kind] else {
                throw InputError(
                    file: standardsFile, field: "friction.\(kind.rawValue)",
                    reason: "raster travel by \(kind.rawValue) needs a friction raster: name it in the standards file's friction "
                        + "section or give --friction FILE (or --travel straight)")
            }
            copy.surfaces[kind] = try TravelSurface.load(TravelSurfaceInputs(ground: .friction(path: path)))
        }
        return copy
    }

    /// The loaded surface of `kind`, nil when it was not loaded.
    public func surface(_ kind: FrictionKind) -> TravelSurface? { surfaces[kind] }

    /// The rasters loaded, by kind, with the checksums of the bytes parsed (for the manifest).
    public var loaded: [(kind: FrictionKind, checksum: FileChecksum)] {
        surfaces.keys.sorted().compactMap { kind in surfaces[kind]?.inputs.first.map { (kind, $0.checksum) } }
    }

    /// The same paths and the same bytes loaded.
    public static func == (lhs: FrictionRasters, rhs: FrictionRasters) -> Bool {
        lhs.paths == rhs.paths && lhs.loaded.map { "\($0.kind):\($0.checksum.sha256)" } == rhs.loaded.map { "\($0.kind):\($0.checksum.sha256)" }
    }
}
