import Foundation
import GeoIO

/// The friction rasters that standards measured by ``TravelMeasure/raster`` use, by kind: their
/// paths (the standards file's `friction`, or `--friction`), each read on first use and then shared
/// by every copy, so that a run reads each raster once however many analyses use it.
public struct FrictionRasters: Sendable, Equatable {
    /// The raster of each kind, as named.
    public let paths: [FrictionKind: String]
    private let store = Store()

    /// The surfaces read so far.
    private final class Store: @unchecked Sendable {
        let lock = NSLock()
        var surfaces: [FrictionKind: TravelSurface] = [:]
    }

    public init(paths: [FrictionKind: String] = [:]) {
        self.paths = paths
    }

    /// The surface of `kind`, read and checked on first use (``TravelSurface/load(_:)``: seconds per
    /// metre, nodata and infinity impassable, a CRS).
    /// - Throws: ``InputError`` naming the kind that has no raster (in `standardsFile`), or the
    ///   raster file and what is wrong with it.
    public func surface(_ kind: FrictionKind, standardsFile: String = "standards") throws -> TravelSurface {
        if let surface = store.lock.withLock({ store.surfaces[kind] }) { return surface }
        guard let path = paths[kind] else {
            throw InputError(
                file: standardsFile, field: "friction.\(kind.rawValue)",
                reason: "raster travel by \(kind.rawValue) needs a friction raster: name it in the standards file's friction "
                    + "section or give --friction FILE (or --travel straight)")
        }
        // Read outside the lock, so that two kinds are read at once (the first read of a kind kept).
        let surface = try TravelSurface.load(TravelSurfaceInputs(ground: .friction(path: path)))
        return store.lock.withLock {
            if let first = store.surfaces[kind] { return first }
            store.surfaces[kind] = surface
            return surface
        }
    }

    /// The rasters read so far, by kind, with the checksums of the bytes parsed (for the manifest).
    public var loaded: [(kind: FrictionKind, checksum: FileChecksum)] {
        store.lock.lock()
        defer { store.lock.unlock() }
        return store.surfaces.keys.sorted().compactMap { kind in store.surfaces[kind]?.inputs.first.map { (kind, $0.checksum) } }
    }

    /// The same rasters named.
    public static func == (lhs: FrictionRasters, rhs: FrictionRasters) -> Bool { lhs.paths == rhs.paths }
}
