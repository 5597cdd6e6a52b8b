import Foundation
import GeometryKit

/// An organisation unit as the import report names it.
public struct DHIS2Unit: Sendable, Equatable, CustomStringConvertible {
    /// The unit's position in the export's unit list, 0-based.
    public let index: Int
    /// The DHIS2 uid, nil when the export gives none.
    public let id: String?
    /// The unit's name, nil when the export gives none.
    public let name: String?
    /// The hierarchy level (1 for the country), when given.
    public let level: Int?
    /// The names of the unit's groups (a group's id when the export gives no name).
    public let groups: [String]

    /// A unit reference for reports.
    public init(index: Int, id: String?, name: String?, level: Int?, groups: [String]) {
        self.index = index
        self.id = id
        self.name = name
        self.level = level
        self.groups = groups
    }

    /// `abc123 Ban Nong Health Center (level 4; groups: Health Center)`.
    public var description: String {
        var text = [id, name].compactMap { $0 }.joined(separator: " ")
        if text.isEmpty { text = "unit \(index)" }
        var details: [String] = []
        if let level { details.append("level \(level)") }
        details.append(groups.isEmpty ? "no groups" : "groups: " + groups.joined(separator: ", "))
        return text + " (" + details.joined(separator: "; ") + ")"
    }
}
