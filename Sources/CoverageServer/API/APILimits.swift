/// What one request may ask for: the bounds that keep one client from holding the server.
public enum APILimits {
    /// The largest request body, bytes (a what-if with every change a page can make is a few kB).
    public static let bodyBytes = 256 * 1024
    /// Facility changes in one what-if.
    public static let changes = 200
    /// Sites one suggestion may ask for.
    public static let suggestedSites = 25
    /// Matches a search returns.
    public static let searchResults = 25
    /// The longest search text, characters.
    public static let searchText = 100
    /// Heavy computations (assignments, what-ifs, suggestions) running at once; more wait.
    public static let concurrentComputations = 2
    /// Heavy computations waiting; beyond, a request is told to come back (429).
    public static let waitingComputations = 64
}
