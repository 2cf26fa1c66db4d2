namespace Drydock.Server.Integration;

/// <summary>
/// What an artifact listing shows per manifest. Severity counts stay null while no vulnerability matcher is wired
/// into the server: an unmatched image must not look clean.
/// </summary>
public sealed record ScanSummary
{
    /// <summary>Each platform scanned (one for a plain image; every image platform of an index).</summary>
    public IReadOnlyList<PlatformSummary> Platforms { get; init; } = [];

    /// <summary>The worst severity found, null when nothing was matched.</summary>
    public string? HighestSeverity { get; init; }

    /// <summary>Findings per severity, null when nothing was matched.</summary>
    public IReadOnlyDictionary<string, int>? Counts { get; init; }

    /// <summary>Findings with a fixed version, per severity, null when nothing was matched.</summary>
    public IReadOnlyDictionary<string, int>? Fixable { get; init; }

    /// <summary>The advisory database the findings come from, null when nothing was matched.</summary>
    public string? DatabaseVersion { get; init; }

    /// <summary>
    /// Findings of the counted platform that the namespace's allowlist accepts at the time of asking; they are left out
    /// of <see cref="Counts"/> and <see cref="Fixable"/>. Null in stored summaries (the allowlist is applied on read).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SuppressedFinding>? Suppressed { get; init; }

    /// <summary>
    /// The distributions (e.g. "rocky:9") and language ecosystems (e.g. "npm") of the counted platform that no loaded
    /// source covers: no finding there means "not judged", not "clean". Null when nothing was matched.
    /// </summary>
    public IReadOnlyList<string>? NotCovered { get; init; }

    /// <summary>False while the server has no vulnerability matcher: the inventory is stored, findings are not computed.</summary>
    public bool Matched { get; init; }
}
