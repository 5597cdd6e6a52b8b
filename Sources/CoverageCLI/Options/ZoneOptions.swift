import ArgumentParser

/// The zones a coverage table reports: `--region` and `--national`.
struct ZoneOptions: ParsableArguments {
    @Option(
        help:
            "Region to report: an id from the regions file (national, north, bolikhamxay-khammouane, …), a province or district P-code or name (LA12, Khammouan, Pakxan), or a comma list of them (LA11,Khammouane)."
    )
    var region = "national"

    @Flag(help: "Also report the whole country as a zone when --region is not national.")
    var national = false
}
