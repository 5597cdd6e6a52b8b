import ArgumentParser
import CoverageCore
import Foundation
import GeoIO

extension LayerSet {
    /// The region a `--region` option names (``LayerSet/region(named:)``: a region id, province
    /// or district P-codes or names, comma-separated). How each name was read goes to standard
    /// error (`note: --region: "Khammouane" is province LA12 Khammouan`), leaving standard output
    /// to the answer (JSON included). An unknown or ambiguous name prints the closest or every
    /// match and exits 64.
    func region(option text: String) throws -> Region {
        do {
            let named = try region(named: text)
            for reading in named.readings { FileHandle.standardError.write(Data("note: --region: \(reading)\n".utf8)) }
            return named.region
        } catch let lookup as QueryLookupError {
            printError("--region: \(lookup)")
            throw ExitCode(ExitStatus.usage)
        }
    }
}
