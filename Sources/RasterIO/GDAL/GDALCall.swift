internal import CGDAL

/// Every driver registered, once per process: a global `let` is initialised lazily and exactly
/// once (`swift_once`), whichever thread gets there first.
///
/// GDAL's block cache is held to 16 MiB (its default is 5 % of the machine's memory): RasterIO
/// reads and writes a row of blocks at a time, so a larger cache would only keep a whole raster's
/// blocks alive beside the caller's array until the dataset closes.
private let driversRegistered: Void = {
    GDALAllRegister()
    GDALSetCacheMax64(16 << 20)
}()

/// What GDAL reported during one call: its failures and warnings, captured rather than printed.
final class GDALMessages {
    /// The failure messages (CE_Failure, CE_Fatal), in order; at most `kept` of them.
    private(set) var failures: [String] = []
    /// The warnings (CE_Warning), in order; at most `kept` of them.
    private(set) var warnings: [String] = []
    /// A corrupt file can make GDAL warn once per block: the first few say what is wrong.
    private let kept = 4

    fileprivate func record(_ type: CPLErr, _ message: String) {
        switch type {
        case CE_Failure, CE_Fatal: if failures.count < kept { failures.append(message) }
        case CE_Warning: if warnings.count < kept { warnings.append(message) }
        default: break  // CE_Debug and CE_None carry no verdict
        }
    }

    /// GDAL's own words for what went wrong: the failures, else the warnings, else `fallback`.
    func summary(or fallback: String) -> String {
        let words = failures.isEmpty ? warnings : failures
        return words.isEmpty ? fallback : words.joined(separator: "; ")
    }
}

/// The one way RasterIO calls GDAL: drivers registered, and GDAL's messages captured for the
/// call on this thread's handler stack instead of going to stderr.
///
/// GDAL's error handler stack and its last error are per thread, so concurrent calls on other
/// threads neither see nor disturb these messages.
enum GDALCall {
    static func run<Result, Failure: Error>(_ body: (GDALMessages) throws(Failure) -> Result) throws(Failure) -> Result {
        driversRegistered
        let messages = GDALMessages()
        CPLPushErrorHandlerEx(
            { type, _, message in
                guard let user = CPLGetErrorHandlerUserData(), let message else { return }
                Unmanaged<GDALMessages>.fromOpaque(user).takeUnretainedValue().record(type, String(cString: message))
            }, Unmanaged.passUnretained(messages).toOpaque())
        defer { CPLPopErrorHandler() }
        CPLErrorReset()
        return try withExtendedLifetime(messages) { () throws(Failure) -> Result in try body(messages) }
    }
}

/// Runs `body` with GDAL's configuration option `key` set to `value` on this thread only, then
/// restores it (PAM off for a write, a fixed timestamp): other threads' calls see no change.
func withThreadLocalConfig<Value>(_ key: String, _ value: String, _ body: () -> Value) -> Value {
    let previous = CPLGetThreadLocalConfigOption(key, nil).map { String(cString: $0) }
    CPLSetThreadLocalConfigOption(key, value)
    defer { CPLSetThreadLocalConfigOption(key, previous) }
    return body()
}

/// A NULL-terminated list of C strings, alive for the call: GDAL's option lists, `const char*
/// const*` in most of its API and `CSLConstList` (`char**` to C callers) in the rest.
struct CStringList {
    let pointer: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>

    /// As `CSLConstList`.
    var csl: CSLConstList { pointer }
    /// As `const char* const*`.
    var const: UnsafePointer<UnsafePointer<CChar>?> { UnsafeRawPointer(pointer).assumingMemoryBound(to: UnsafePointer<CChar>?.self) }
}

func withCStringList<Result, Failure: Error>(_ strings: [String], _ body: (CStringList) throws(Failure) -> Result) throws(Failure) -> Result {
    let list = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: strings.count + 1)
    for (index, string) in strings.enumerated() { list[index] = CPLStrdup(string) }
    list[strings.count] = nil
    defer {
        for index in strings.indices { VSIFree(list[index]) }
        list.deallocate()
    }
    return try body(CStringList(pointer: list))
}
