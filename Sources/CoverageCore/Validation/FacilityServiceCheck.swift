import GeoIO

/// The warning that facilities' services are assumed: when a layer lists no services for some of
/// its facilities (a DHIS2 export, a CSV, OpenStreetMap), each gets its tier's default services
/// from the standards, and every service figure then rests on that assumption.
enum FacilityServiceCheck {
    /// One warning for the layer, naming how many facilities and the defaults they were given.
    static func assumedServices(_ facilities: [Facility], model: CareModel, file: String?, into report: inout ValidationReport) {
        let assumed = facilities.filter(\.servicesAssumed)
        guard !assumed.isEmpty else { return }
        let defaults = Set(assumed.map(\.tier)).sorted().map { tier in
            let services = model.services(of: tier).map(\.rawValue)
            return "\(tier.label): \(services.isEmpty ? "none" : services.joined(separator: ", "))"
        }
        report.warning(
            "services_assumed",
            InputError(
                file: file ?? "facilities",
                reason: "\(assumed.count) of \(facilities.count) facilities list no services: each is given its tier's default "
                    + "services from the standards (\(defaults.joined(separator: "; ")))"))
    }
}
