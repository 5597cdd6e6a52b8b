import GeoIO

/// A region a planner named, and how each name given was read.
public struct NamedRegion: Sendable, Equatable {
    /// The region: one of the regions file, or one made of the provinces and districts named.
    public let region: Region
    /// One sentence per part given by a name rather than a code or region id, saying what it was
    /// taken to be (`"Khammouane" is province LA12 Khammouan`), so that a planner sees the reading.
    public let readings: [String]
}

extension LayerSet {
    /// The region `text` names (a `--region` option, a scenario's `region`): a region of the
    /// regions file by its id or name, a province or district by its P-code or any spelling of its
    /// name the layers give (English, Lao, the LSB/DHIS2 `name_lsb`, …), or a comma-separated list
    /// of these, which makes one region of them all (`LA11,Khammouane`; a district whose province
    /// is in the list as well adds nothing).
    ///
    /// Names match without regard to case, blanks, hyphens, full stops and Latin diacritics
    /// (``Swift/String/foldedForMatching``), and province and district names also with the common
    /// variants of Lao romanisation (`ou`/`u`, `y`/`i`, `ie`/`ia`, `r`/`l`, `ck`/`k`, doubled
    /// letters, a final `e`): `Khammouane`
    /// is Khammouan, `Bolikhamxay` is Bolikhamxai. A name that more than one province or district
    /// could be read as, exactly or as a variant (`Phongsaly`: the province and its capital
    /// district), is ambiguous.
    /// - Throws: ``QueryLookupError`` for an unknown name (listing the closest) or an ambiguous
    ///   one (listing every unit it could be).
    public func region(named text: String) throws -> NamedRegion {
        let parts = text.split(separator: ",").map { String($0).trimmingBlanks }.filter { !$0.isEmpty }
        guard !parts.isEmpty else {
            throw QueryLookupError(
                kind: .unknown, noun: Self.placeNoun, query: text,
                candidates: regions.map { .init(id: $0.id, name: $0.name, place: "region") }, plural: Self.placesNoun, codeName: "P-code")
        }
        let places = RegionPlaces(self)
        let found = try parts.map { try places.find($0) }
        let readings = zip(parts, found).compactMap { part, place in place.matchedByName ? "\"\(part)\" is \(place.phrase)" : nil }
        if found.count == 1, case .region(let region) = found[0].unit { return NamedRegion(region: region, readings: readings) }

        var provinceCodes = Set<String>(), districtCodes = Set<String>()
        for place in found {
            switch place.unit {
            case .region(let region):
                provinceCodes.formUnion(region.provincePcodes)
                districtCodes.formUnion(region.districtPcodes)
            case .province(let unit): provinceCodes.insert(unit.pcode)
            case .district(let unit): districtCodes.insert(unit.pcode)
            }
        }
        let wholeProvinces = provinces.filter { provinceCodes.contains($0.pcode) }
        let otherDistricts = districts.filter { districtCodes.contains($0.pcode) && !provinceCodes.contains($0.provincePcode) }
        var ids: [String] = []
        for place in found where !ids.contains(place.id) { ids.append(place.id) }
        var names: [String] = []
        for place in found where !names.contains(place.name) { names.append(place.name) }
        let name = names.count <= 2 ? names.joined(separator: " and ") : names.dropLast().joined(separator: ", ") + " and " + names.last!
        let region = Region(
            id: ids.joined(separator: "+"), name: name, provincePcodes: wholeProvinces.map(\.pcode), districtPcodes: otherDistricts.map(\.pcode))
        return NamedRegion(region: region, readings: readings)
    }

    static let placeNoun = "region, province or district"
    static let placesNoun = "regions, provinces and districts"
}

/// The regions, provinces and districts of a layer set with every spelling they can be named by.
private struct RegionPlaces {
    enum Unit {
        case region(Region)
        case province(AdminUnit)
        case district(AdminUnit)
    }

    struct Place {
        let unit: Unit
        /// The region id or P-code.
        let id: String
        let name: String
        /// "province", "district of Khammouan", "region".
        let kind: String
        /// A district's province, by name.
        let provinceName: String?
        /// Every spelling, folded (``Swift/String/foldedForMatching``).
        let spellings: Set<String>
        /// The spellings as romanisation variants (``RegionPlaces/variant(_:)``).
        let variants: Set<String>
        /// Set on a place found by a name rather than its id.
        var matchedByName = false

        /// `province LA12 Khammouan`, `district LA1101 Pakxan (Bolikhamxai)`.
        var phrase: String {
            switch unit {
            case .region: "region \(id) (\(name))"
            case .province: "province \(id) \(name)"
            case .district: "district \(id) \(name) (\(provinceName ?? ""))"
            }
        }
    }

    let places: [Place]

    init(_ layers: LayerSet) {
        let provinceNames = Dictionary(layers.provinces.map { ($0.pcode, $0.nameEN) }, uniquingKeysWith: { first, _ in first })
        func place(_ unit: RegionPlaces.Unit, id: String, name: String, kind: String, provinceName: String? = nil, spellings: [String]) -> Place {
            let folded = Set(spellings.map(\.foldedForMatching).filter { !$0.isEmpty })
            // Romanisation variants are those of Lao names: a region's id or name is matched as spelt.
            let variants: Set<String>
            if case .region = unit { variants = [] } else { variants = Set(folded.map(Self.variant)) }
            return Place(unit: unit, id: id, name: name, kind: kind, provinceName: provinceName, spellings: folded, variants: variants)
        }
        var all = layers.regions.map { region in
            place(.region(region), id: region.id, name: region.name, kind: "region", spellings: [region.id, region.name])
        }
        all += layers.provinces.map { unit in
            // The Lao name with and without "ແຂວງ" (khoueng, province), as it is written both ways.
            let lao = unit.nameLO.map { [$0, "ແຂວງ" + $0] } ?? []
            return place(.province(unit), id: unit.pcode, name: unit.nameEN, kind: "province", spellings: Self.spellings(unit) + lao)
        }
        all += layers.districts.map { unit in
            // The shipped Lao district names begin "ມ. " (muang, district): also without it, and
            // with the word written out.
            var lao: [String] = []
            if let name = unit.nameLO {
                let bare = name.hasPrefix("ມ.") ? String(name.dropFirst(2)).trimmingBlanks : name
                lao = [name, bare, "ເມືອງ" + bare]
            }
            let province = provinceNames[unit.provincePcode] ?? unit.provincePcode
            return place(
                .district(unit), id: unit.pcode, name: unit.nameEN, kind: "district of \(province)", provinceName: province,
                spellings: Self.spellings(unit) + lao)
        }
        places = all
    }

    /// The English name and the other spellings; an LSB name that tells namesakes apart by their
    /// province, `Xaisettha (Attapu)`, also without the parenthesis.
    private static func spellings(_ unit: AdminUnit) -> [String] {
        var names = [unit.pcode, unit.nameEN] + unit.otherNames
        for name in unit.otherNames where name.hasSuffix(")") {
            if let open = name.lastIndex(of: "(") { names.append(String(name[..<open]).trimmingBlanks) }
        }
        return names
    }

    /// The place `text` names: its id or P-code exactly (ignoring case), else its folded spelling
    /// or a romanisation variant of it, when that names one place only.
    func find(_ text: String) throws -> Place {
        let upper = text.uppercased()
        let byId = places.filter { $0.id == text || $0.id.uppercased() == upper }
        if byId.count == 1 { return byId[0] }
        let folded = text.foldedForMatching
        let variant = Self.variant(folded)
        let named = byId.count > 1 ? byId : places.filter { $0.spellings.contains(folded) || $0.variants.contains(variant) }
        if named.count == 1 {
            var found = named[0]
            found.matchedByName = true
            return found
        }
        if named.count > 1 {
            throw QueryLookupError(
                kind: .ambiguous, noun: LayerSet.placeNoun, query: text, candidates: named.map(Self.candidate),
                plural: LayerSet.placesNoun, codeName: "P-code or region id")
        }
        // The closest spellings, each place listed once.
        var owner: [String: Int] = [:]
        for (index, place) in places.enumerated() {
            for spelling in place.spellings.sorted() where owner[spelling] == nil { owner[spelling] = index }
        }
        var seen = Set<Int>()
        let closest = ClosestName.nearest(to: folded, among: Array(owner.keys), limit: 8 * QueryLookup.closestLimit)
            .compactMap { owner[$0] }.filter { seen.insert($0).inserted }.prefix(QueryLookup.closestLimit)
        throw QueryLookupError(
            kind: .unknown, noun: LayerSet.placeNoun, query: text, candidates: closest.map { Self.candidate(places[$0]) },
            plural: LayerSet.placesNoun, codeName: "P-code or region id")
    }

    private static func candidate(_ place: Place) -> QueryLookupError.Candidate {
        .init(id: place.id, name: place.name, place: place.kind)
    }

    /// A folded Latin spelling with the common variants of Lao romanisation made one: `ou` → `u`,
    /// `ie` → `ia`, `y` → `i`, `r` → `l`, `ck` → `k`, doubled letters single, a final `e` dropped.
    /// Other scripts pass unchanged.
    static func variant(_ folded: String) -> String {
        let text = folded.replacing("ou", with: "u").replacing("ie", with: "ia").replacing("ck", with: "k")
            .map { $0 == "y" ? "i" : $0 == "r" ? "l" : $0 }
        var single = ""
        for character in text where character != single.last || !character.isASCII { single.append(character) }
        if single.count > 1 && single.last == "e" { single.removeLast() }
        return single
    }
}
