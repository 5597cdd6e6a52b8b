import Foundation
import GeoIO
import Testing

/// Parses a GeoJSON document held in a string, named `layer.geojson` in messages.
public func layer(_ text: String, file: String = "layer.geojson", sourceCRS: String? = nil) throws -> GeoJSONLayer {
    try GeoJSONLayer.parse(Array(text.utf8), file: file, sourceCRS: sourceCRS)
}

/// The `InputError` that reading `text` throws, or nil (with an issue recorded) when it throws none
/// or another kind of error.
public func layerError(
    _ text: String, file: String = "layer.geojson", sourceCRS: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) -> InputError? {
    do {
        _ = try layer(text, file: file, sourceCRS: sourceCRS)
        Issue.record("the document was read without error", sourceLocation: sourceLocation)
    } catch let error as InputError {
        return error
    } catch {
        Issue.record("expected an InputError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// A FeatureCollection holding one feature per geometry text (`null` allowed), with no properties.
public func collection(geometries: [String]) -> String {
    let features = geometries.map { #"{"type": "Feature", "properties": {}, "geometry": \#($0)}"# }
    return #"{"type": "FeatureCollection", "features": [\#(features.joined(separator: ",\n"))]}"#
}

/// A FeatureCollection of the given feature texts.
public func collection(features: [String]) -> String {
    #"{"type": "FeatureCollection", "features": [\#(features.joined(separator: ",\n"))]}"#
}
