/// The longest text and the longest list a field of an input may hold, far beyond any real layer,
/// so that an absurd value is refused where it is read instead of being copied into every row of
/// every output (a facility name of a megabyte is the name of the nearest facility of thousands
/// of villages: gigabytes written, and as much memory).
///
/// The shipped layers' longest text is 257 characters (a facility's `proxy_rule`); their names
/// are at most 65. Every text a loader reads through ``LayerRecord`` (identifiers, names, codes,
/// tiers, numbers written as text) and every text of a regions, standards or scenario file read
/// through ``YAMLFieldReader`` or the regions reader is held to these limits.
public enum FieldLimits {
    /// The most characters (as an editor counts them) of one text value.
    public static let maximumTextCharacters = 1_000

    /// The most entries of one list value (the services a facility offers: the care model knows
    /// about a dozen).
    public static let maximumListEntries = 100

    /// Why `text` is too long, or nil when it is within ``maximumTextCharacters``. Counting
    /// characters walks the whole text, so the byte count (never less) is tried first.
    public static func problem(text: String) -> String? {
        guard text.utf8.count > maximumTextCharacters, text.count > maximumTextCharacters else { return nil }
        return "a text of \(text.count.grouped) characters, more than the limit of \(maximumTextCharacters.grouped)"
    }

    /// Why a list of `count` entries is too long, or nil when it is within ``maximumListEntries``.
    public static func problem(listCount count: Int) -> String? {
        count > maximumListEntries ? "a list of \(count.grouped) entries, more than the limit of \(maximumListEntries.grouped)" : nil
    }
}
