import DistanceKernel
import GeometryKit
import Glibc
import TravelTime

/// The status codes of healthcoverage.h and the message of each thread's last error.
enum ABIStatus {
    static let ok: Int32 = 0
    static let argument: Int32 = 1
    static let input: Int32 = 2
    static let `internal`: Int32 = 3
}

/// A refused call: its status and the message `hc_last_error` gives.
struct ABIError: Error {
    let status: Int32
    let message: String

    static func argument(_ message: String) -> ABIError { ABIError(status: ABIStatus.argument, message: message) }
}

/// The calling thread's last error message, as a C string the library owns (freed when replaced).
enum LastError {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { free($0) }
        return key
    }()

    static func set(_ message: String) {
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, strdup(message))
        free(previous)
    }

    static var message: UnsafePointer<CChar>? { pthread_getspecific(key).map { UnsafePointer($0.assumingMemoryBound(to: CChar.self)) } }

    /// Runs `body`, turning what it throws into a status and the thread's message.
    static func status(_ body: () throws -> Void) -> Int32 {
        do {
            try body()
            set("")
            return ABIStatus.ok
        } catch let error as ABIError {
            set(error.message)
            return error.status
        } catch  where error is KernelError || error is TravelTimeError || error is GeometryError {
            // The kernels' own refusals of the data: a NaN coordinate, invalid WKB, a source off the grid.
            set("\(error)")
            return ABIStatus.input
        } catch {
            set("\(error)")
            return ABIStatus.internal
        }
    }
}
