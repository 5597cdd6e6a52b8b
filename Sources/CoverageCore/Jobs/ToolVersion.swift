/// The version of the HealthCoverage toolkit, recorded in every manifest and printed by `coverage --version`.
public enum ToolVersion {
    public static let current = "0.1.0"
}
