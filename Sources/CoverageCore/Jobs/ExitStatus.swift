import DistanceKernel
import GeoIO
import GeometryKit
import RasterIO
import TravelTime

/// The exit codes of the toolkit's commands, in one place (values from BSD sysexits.h), and the
/// one table that says which error gets which.
public enum ExitStatus {
    /// The command line or a parameter was wrong (ArgumentParser also uses 64 for its validation errors).
    public static let usage: Int32 = 64
    /// An input file is malformed or its data is wrong.
    public static let dataError: Int32 = 65
    /// An input file is missing or unreadable.
    public static let noInput: Int32 = 66
    /// A failure inside the toolkit or its libraries (GEOS, PROJ): a bug or a limit, never the user's.
    public static let software: Int32 = 70
    /// An output could not be written.
    public static let cannotCreate: Int32 = 73

    /// The exit code for an error thrown by any module of the toolkit; an error of a type not
    /// listed here is a bug (70).
    public static func code(for error: any Error) -> Int32 {
        switch error {
        case let input as InputError: input.category == .unreadable ? noInput : dataError
        case is ValidationFailure, is MappingError, is JSONSyntaxError: dataError
        case is KernelError: dataError  // a coordinate that is not a longitude/latitude reached the kernel
        case is ParameterError, is QueryLookupError: usage
        case is OutputError: cannotCreate
        case let raster as RasterError: code(for: raster)
        case is TravelTimeError: dataError
        case is GeometryError, is NonFiniteNumberError: software  // GEOS/PROJ failed, or a computed value was NaN
        default: software
        }
    }

    private static func code(for error: RasterError) -> Int32 {
        switch error {
        case .fileMissing, .unreadable: noInput
        case .writeFailed: cannotCreate
        case .rasterizeFailed, .polygonizeFailed, .badGrid: software
        case .notARaster, .noGeoTransform, .noCRS, .rotatedGeoTransform, .degenerateGeoTransform, .bandOutOfRange, .unsupportedDataType,
            .tooLarge, .readFailed, .badCRS, .badGeometry:
            dataError
        }
    }
}
