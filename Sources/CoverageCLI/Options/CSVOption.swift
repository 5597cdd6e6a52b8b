import ArgumentParser

/// `--csv-bom` / `--no-csv-bom`: whether the CSV tables a command writes start with the UTF-8
/// byte-order mark.
///
/// On by default: planners open the tables in Excel, which reads a CSV file without the mark in
/// the computer's legacy code page (Windows-1252 on most), so Lao names open garbled; LibreOffice,
/// pandas, GDAL, R's readr and the toolkit's own reader accept either. Scripts that read the
/// files with Python's `csv` module open them with `encoding="utf-8-sig"`, or ask for none.
struct CSVOption: ParsableArguments {
    @Flag(
        name: .customLong("csv-bom"), inversion: .prefixedNo,
        help: "Start every CSV table with the UTF-8 byte-order mark, so that Excel reads Lao script (--no-csv-bom: plain UTF-8).")
    var byteOrderMark = true

    /// For manifests.
    var recorded: String { String(byteOrderMark) }
}
