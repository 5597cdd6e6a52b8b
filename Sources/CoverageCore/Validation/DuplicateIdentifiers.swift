import GeoIO

/// Finds records that share an identifier, over every record of a layer (including records that
/// fail other checks, so that a duplicate is reported even when its row has other problems).
enum DuplicateIdentifiers {
    /// Reports each record whose identifier an earlier record already has, naming the first.
    static func check(_ records: [LayerRecord], mapping: FieldMapping, into report: inout ValidationReport) {
        let field = mapping.field(.id)
        var first: [String: LayerRecord] = [:]
        for record in records {
            guard let id = try? record.text(field) else { continue }  // a missing or bad id is reported by the loader
            if let earlier = first[id] {
                report.error(
                    "duplicate_id", recordId: id,
                    record.problem(
                        field,
                        "duplicate \(mapping.kind.noun) identifier \(id) (first at \(earlier.placeDescription(from: record.file)))"))
            } else {
                first[id] = record
            }
        }
    }
}

extension LayerRecord {
    /// Where the record is, for a message about a record of `file`: `line 4`, `feature 12`, with
    /// the record's file when it is another (a layer added with `--add-facilities`).
    func placeDescription(from file: String) -> String {
        let place =
            switch location {
            case .feature(let index): "feature \(index)"
            case .line(let line): "line \(line)"
            case .position(let line, let column): "\(line):\(column)"
            case .file: "the file"
            }
        return file == self.file ? place : "\(place) of \(self.file)"
    }
}
