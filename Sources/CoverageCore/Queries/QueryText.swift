import Foundation
import GeoIO

/// The plain-text answers of `coverage query`: sentences first, then a small table.
public enum QueryText {
    // MARK: village

    /// "B. Nongping (101001) in Chanthabuly, Vientiane Capital: 2,700 people (estimated): …",
    /// a sentence on coverage, the referral chain, then a table per target.
    public static func village(_ answer: VillageQuery, layers: LayerSet) -> String {
        let village = answer.village
        let place = [answer.district?.nameEN ?? village.districtPcode, answer.province?.nameEN ?? village.provincePcode]
            .joined(separator: ", ")
        var lines = ["\(village.name) (\(village.code)) in \(place): \(people(village.figures, estimated: village.populationEstimated))."]
        lines.append(coverage(answer.care, layers: layers))
        if let providers = providers(answer.care, layers: layers) { lines.append(providers) }
        lines.append(chain(answer.chain, village: village, layers: layers))
        lines.append("")
        lines.append(table(answer.care, layers: layers, administrative: true))
        return lines.joined(separator: "\n")
    }

    /// "2,700 people (estimated): 235 under 5, 48 live births a year, 844 women 15–49".
    static func people(_ figures: PopulationFigures, estimated: Bool) -> String {
        var text = "\(TextFormatting.counted(figures.population, "person", plural: "people"))\(estimated ? " (estimated)" : "")"
        let groups: [(Int?, String)] = [
            (figures.under5, "under 5"), (figures.birthsLive, "live births a year"),
            (figures.women15to49, "women 15–49"),
        ]
        let known = groups.compactMap { value, label in value.map { "\(($0).grouped) \(label)" } }
        if !known.isEmpty { text += ": " + known.joined(separator: ", ") }
        return text
    }

    /// The referral chain in one sentence, each hop with its distance and time from the level below.
    static func chain(_ chain: ReferralChain, village: Village, layers: LayerSet) -> String {
        let facilities = layers.facilities
        let hops: [(CareAssignment, String)] = [
            (chain.healthCentre, "no health centre in its district"),
            (chain.districtHospital, "no district hospital in its district"),
            (chain.provincialHospital, "no provincial or central hospital"),
        ]
        var parts: [String] = []
        for (index, (care, missing)) in hops.enumerated() {
            guard let facility = care.facility.map({ facilities[$0] }) else {
                parts.append("(\(missing))")
                continue
            }
            var text = "\(facility.name) (\(facility.id), \(km(care.distanceMeters)), \(minutes(care.minutes)))"
            if index == 2 && chain.referredToCentral {
                let province = layers.province(village.provincePcode)?.nameEN ?? village.provincePcode
                text += ", as \(province) has no provincial hospital"
            }
            parts.append(text)
        }
        var sentence = "Referral chain: " + parts.joined(separator: " → ")
        if let total = chain.totalDistanceMeters {
            sentence += "; \(km(total)), \(minutes(chain.totalMinutes)) in all"
        }
        return sentence + "."
    }

    // MARK: facility

    /// What the facility is and where, what it serves, and where it refers to.
    public static func facility(_ answer: FacilityQuery, layers: LayerSet) -> String {
        let facility = answer.facility
        let label = facility.tier.label
        var place = ""
        if let district = facility.districtPcode {
            place = " in \(answer.district?.nameEN ?? district) (\(district))"
            if let province = facility.provincePcode { place += ", \(answer.province?.nameEN ?? province) (\(province))" }
        }
        var lines = [
            "\(facility.name) (\(facility.id)) is \(article(label)) \(label)\(facility.subtype.map { " (type \($0.rawValue))" } ?? "")"
                + "\(place), at \(degrees(lon: facility.location.lon, lat: facility.location.lat))."
        ]
        if let placement = answer.placement, placement.districtPcode != facility.districtPcode || placement.method != .inside {
            lines.append(placementSentence("Its point", placement, layers: layers))
        }
        var services = facility.services.isEmpty ? "none" : facility.services.map(\.rawValue).joined(separator: ", ")
        if facility.servicesAssumed { services += " (assumed: its tier's defaults; the layer lists none)" }
        let packages = facility.carePackages.isEmpty ? "none" : facility.carePackages.map(\.label).joined(separator: ", ")
        lines.append(
            "Care provided: \(packages). Services: \(services). "
                + "Capacity: \(facility.capacity.map { ($0).grouped + " people" } ?? "not given"). "
                + "Source: \(sourcePhrase(facility.source)).")

        guard let care = answer.catchmentTarget, let catchment = answer.catchment else {
            lines.append("It provides no care package and no service: it is no village's nearest provider of anything.")
            if let next = answer.nextUp, let tier = answer.nextTier { lines.append(nextUpSentence(next, tier: tier, layers: layers)) }
            return lines.joined(separator: "\n")
        }
        let ofAll =
            answer.providerCount == 1
            ? "As the only facility providing \(care.label) care"
            : "Of the \(answer.providerCount.grouped) facilities providing \(care.label) care"
        if catchment.isEmpty {
            lines.append("\(ofAll), it is the nearest to no village: another is nearer to each.")
        } else {
            let estimated = catchment.points.contains { layers.villages[$0].populationEstimated }
            lines.append(
                "\(ofAll), it is the nearest to \(TextFormatting.counted(catchment.pointCount, "village")), "
                    + "with \(people(catchment.figures, estimated: estimated)).")
        }
        if let next = answer.nextUp, let tier = answer.nextTier {
            lines.append(nextUpSentence(next, tier: tier, layers: layers))
        } else {
            lines.append("It is the top of the referral system: there is no tier above.")
        }
        lines.append("")
        var rows = [["served for \(care.label) care", ""], ["villages", catchment.pointCount.grouped]]
        for group in TargetGroup.allCases {
            rows.append([group.label, catchment.figures[group].map { ($0).grouped } ?? "—"])
        }
        lines.append(TextFormatting.columns(rows, rightAligned: [1]))
        return lines.joined(separator: "\n")
    }

    /// "The nearest provincial hospital is X (PH-LA11), 45.2 km away (95 min by car); its administrative referral is …".
    static func nextUpSentence(_ next: CareAnswer, tier: FacilityTier, layers: LayerSet) -> String {
        let facilities = layers.facilities
        guard let up = next.nearest.facility.map({ facilities[$0] }) else {
            return "There is no \(tier.label) in the layers."
        }
        // The central hospitals also serve as the provincial level (Vientiane Capital has no
        // provincial hospital): say so when one is the answer.
        let standingIn = up.tier != tier ? ", \(article(up.tier.label)) \(up.tier.label) serving as one" : ""
        var sentence = "The nearest \(tier.label) is \(up.name) (\(up.id)\(standingIn)), "
        if let meters = next.nearest.distanceMeters, meters < 1 {
            sentence += "at the same site"
        } else {
            sentence += "\(km(next.nearest.distanceMeters)) away (\(minutes(next.nearest.minutes)) \(modePhrase(next.mode)))"
        }
        if let administrative = next.administrative, next.administrativeDiffers == true {
            if let referred = administrative.facility.map({ facilities[$0] }) {
                sentence += "; by its administrative units it refers to \(referred.name) (\(referred.id)), \(km(administrative.distanceMeters)) away"
            } else {
                sentence += "; its administrative units have no \(tier.label)"
            }
        }
        return sentence + "."
    }

    // MARK: point

    /// Where the point lies, a sentence on coverage, then the table.
    public static func point(_ answer: PointQuery, layers: LayerSet) -> String {
        var lines = [placementSentence("The point \(degrees(lon: answer.location.lon, lat: answer.location.lat))", answer.placement, layers: layers)]
        lines.append(coverage(answer.care, layers: layers))
        lines.append("")
        lines.append(table(answer.care, layers: layers, administrative: answer.isInside))
        return lines.joined(separator: "\n")
    }

    /// "<subject> lies in Chanthabuly (LA0101), Vientiane Capital (LA01)." and the outside cases.
    static func placementSentence(_ subject: String, _ placement: AdminPlacement, layers: LayerSet) -> String {
        guard let code = placement.districtPcode else { return "\(subject) lies in no district (the layers have none)." }
        let district = layers.district(code)
        var name = "\(district?.nameEN ?? code) (\(code))"
        if let province = placement.provincePcode { name += ", \(layers.province(province)?.nameEN ?? province) (\(province))" }
        switch placement.method {
        case .inside:
            return "\(subject) lies in \(name)."
        case .nearestWithinTolerance:
            return "\(subject) lies \(km(placement.distanceMeters)) outside every district; it is counted in the nearest, \(name)."
        case .outside:
            return "\(subject) lies outside every district, \(km(placement.distanceMeters)) from the nearest, \(name): "
                + "it is outside the area the layers cover, and the facilities below may lie across a border from it."
        }
    }

    // MARK: shared

    /// "Covered for district hospital and central hospital care; not for health centre care (6.2 km,
    /// 124 min walking: beyond 5km and 60min)."
    static func coverage(_ care: [CareAnswer], layers: LayerSet) -> String {
        let covered = care.filter(\.isCoveredAtEveryThreshold).map(\.target.label)
        let short = care.filter { !$0.isCoveredAtEveryThreshold }.map { answer -> String in
            guard answer.nearest.facility != nil else { return "\(answer.target.label) care (no facility provides it)" }
            let beyond = answer.checks.filter { !$0.covered }.map { limit($0.threshold) }
            return "\(answer.target.label) care (\(km(answer.nearest.distanceMeters)), \(minutes(answer.nearest.minutes)) "
                + "\(modePhrase(answer.mode)): beyond \(joined(beyond, "and")))"
        }
        if short.isEmpty { return "Covered for \(joined(covered, "and")) care, within every standard." }
        if covered.isEmpty { return "Not covered for \(joined(short, "or"))." }
        return "Covered for \(joined(covered, "and")) care; not for \(joined(short, "or"))."
    }

    /// "Health centre care is nearest at Children's Hospital (CH-01, a central hospital); the nearest
    /// health centre is …": for each tier whose nearest provider is of another tier; nil when none is.
    static func providers(_ care: [CareAnswer], layers: LayerSet) -> String? {
        let facilities = layers.facilities
        let sentences = care.compactMap { answer -> String? in
            guard case .tier(let tier) = answer.target, let provider = answer.nearest.facility.map({ facilities[$0] }), provider.tier != tier
            else { return nil }
            var text =
                "\(answer.target.label.prefix(1).uppercased() + answer.target.label.dropFirst()) care is nearest at \(provider.name) "
                + "(\(provider.id), \(article(provider.tier.label)) \(provider.tier.label))"
            if let own = answer.nearestOfTier, let ofTier = own.facility.map({ facilities[$0] }) {
                text += "; the nearest \(tier.label) is \(ofTier.name) (\(ofTier.id), \(km(own.distanceMeters)))"
            }
            return text + "."
        }
        return sentences.isEmpty ? nil : sentences.joined(separator: " ")
    }

    /// Where a facility's record comes from, in words.
    static func sourcePhrase(_ source: String?) -> String {
        switch source {
        case nil: "not given"
        case "osm"?: "OpenStreetMap (© OpenStreetMap contributors, ODbL 1.0)"
        case "proxy"?: "a proxy placed by a rule where the source has no facility, not a surveyed site (GeoData/README.md)"
        case let other?: other
        }
    }

    /// A row per target: the nearest provider (proxies marked), km, minutes, each threshold, and the administrative facility.
    static func table(_ care: [CareAnswer], layers: LayerSet, administrative: Bool) -> String {
        let facilities = layers.facilities
        var rows = [["care", "nearest provider", "km", "min", "covered"] + (administrative ? ["administrative"] : [])]
        for answer in care {
            let facility = answer.nearest.facility.map { facilities[$0] }
            var row = [
                answer.target.label, facility.map { "\($0.id) \($0.name)\($0.isProxy ? " (proxy)" : "")" } ?? "none",
                answer.nearest.distanceMeters.map { TextFormatting.grouped($0 / 1_000, places: 1) } ?? "—",
                answer.nearest.minutes.map { TextFormatting.grouped($0, places: 0) } ?? "—",
                answer.checks.map { "\(limit($0.threshold)) \($0.covered ? "yes" : "no")" }.joined(separator: ", "),
            ]
            if administrative {
                switch (answer.administrative, answer.administrativeDiffers) {
                case (nil, _): row.append("—")
                case (_, false?): row.append("same")
                case (let other?, _):
                    row.append(other.facility.map { "\(facilities[$0].id), \(km(other.distanceMeters))" } ?? "none")
                }
            }
            rows.append(row)
        }
        return TextFormatting.columns(rows, rightAligned: [2, 3])
    }

    /// `5 km`, `60 min`: a threshold as the tables and sentences show it.
    static func limit(_ threshold: CoverageThreshold) -> String {
        switch threshold {
        case .kilometers: threshold.label.dropLast(2) + " km"
        case .minutes: threshold.label.dropLast(3) + " min"
        }
    }

    /// `12.3 km` (one decimal, grouped), `—` for none.
    static func km(_ meters: Double?) -> String {
        meters.map { TextFormatting.grouped($0 / 1_000, places: 1) + " km" } ?? "—"
    }

    /// `25 min`, `—` for none.
    static func minutes(_ value: Double?) -> String {
        value.map { TextFormatting.grouped($0, places: 0) + " min" } ?? "—"
    }

    /// `102.59334° E, 18.00162° N` (5 decimals: about a metre).
    static func degrees(lon: Double, lat: Double) -> String {
        let east = String(format: "%.5f° %@", abs(lon), lon < 0 ? "W" : "E")
        let north = String(format: "%.5f° %@", abs(lat), lat < 0 ? "S" : "N")
        return "\(east), \(north)"
    }

    static func modePhrase(_ mode: TravelMode) -> String {
        switch mode {
        case .walking: "walking"
        case .motorbike: "by motorbike"
        case .car: "by car"
        }
    }

    /// "a", or "an" before a vowel.
    static func article(_ word: String) -> String {
        word.first.map { "aeiou".contains($0) } == true ? "an" : "a"
    }

    /// "health centres", "central hospitals".
    static func plural(_ label: String, _ count: Int) -> String { count == 1 ? label : label + "s" }

    /// "a", "a and b", "a, b and c".
    static func joined(_ items: [String], _ conjunction: String) -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " \(conjunction) " + items.last!
        }
    }
}
