import Foundation
import GeoIO
import TravelTime

extension TravelTimeAnalysis {
    /// The cells some source reaches.
    public var reachedCells: Int { search.reachedCells }

    /// The passable cells of the surface.
    public var passableCells: Int { search.passableCells }

    /// The manifest's counts.
    public var counts: [String: Int] {
        [
            "cells": grid.cellCount, "cells_passable": passableCells, "cells_reached": reachedCells, "facilities_asked": facilitiesAsked,
            "sources": sources.count, "sources_left_out": dropped.count, "cells_with_road": roadCells, "cells_closed_by_barriers": barrierShapeCells,
            "search_rounds": search.rounds, "cells_settled": search.settledCells, "search_working_bytes": search.workingBytes,
        ]
    }

    /// The manifest's parameters: the convention and model, so that a reader of the numbers knows
    /// what they are.
    public func parameters(isochroneMinutes: [Double]) -> [String: String] {
        [
            "cost_convention": "mean of the two cells' frictions × the distance between their centres (GRASS r.cost, scikit-image MCP_Geometric)",
            "neighbours": String(neighbourhood.rawValue),
            "max_minutes": maxMinutes.map { String($0) } ?? "none",
            "walking_slope": walkingOnSlopes ? "Tobler's hiking function on the DEM, walking towards the facility" : "none (isotropic)",
            "cell_size": grid.crs.isGeographic ? "each row's metres on WGS 84 at its latitude" : "the projection's units × metres per unit",
            "crs": grid.crs.definition,
            "isochrones_minutes": isochroneMinutes.isEmpty ? "none" : isochroneMinutes.map { String($0) }.joined(separator: ","),
            "surface_inputs": surfaceInputs.joined(separator: "; "),
            "inputs_are": "as given: the friction, speeds, land cover, roads, barriers and DEM are the user's files, not checked against the ground",
        ]
    }

    /// What the command prints after a run.
    public func summary(wrote folder: String) -> String {
        let reached = reachedCells
        var lines = [
            "Travel time from \(sources.count) \(sources.count == 1 ? "facility" : "facilities") over \(grid.columns) × \(grid.rows) cells "
                + "(\(neighbourhood.rawValue) neighbours\(walkingOnSlopes ? ", walking on slopes" : "")"
                + "\(maxMinutes.map { ", up to \($0) minutes" } ?? "")): \(reached) of \(passableCells) passable cells reached; wrote \(folder)."
        ]
        if !dropped.isEmpty {
            lines.append("Left out \(dropped.count) of \(facilitiesAsked) facilities (outside the raster or on a barrier): see travel_sources.csv.")
        }
        if reached < passableCells {
            lines.append(
                "\(passableCells - reached) passable cells are not reached\(maxMinutes == nil ? " (cut off by barriers or nodata)" : " within the limit"): nodata in travel_minutes.tif."
            )
        }
        return lines.joined(separator: "\n")
    }
}
