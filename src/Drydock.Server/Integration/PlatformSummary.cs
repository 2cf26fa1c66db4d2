namespace Drydock.Server.Integration;

/// <summary>One scanned platform image of an artifact.</summary>
public sealed record PlatformSummary(string ManifestDigest, string? Platform, string? Distribution, int Packages, int LayersRead, int CacheHits, IReadOnlyList<string> Warnings)
{
    /// <summary>The platform's worst severity, null when not matched.</summary>
    public string? HighestSeverity { get; init; }

    /// <summary>The platform's findings, null when not matched.</summary>
    public int? Findings { get; init; }

    /// <summary>What no loaded source covers on this platform (see <see cref="ScanSummary.NotCovered"/>), null when not matched.</summary>
    public IReadOnlyList<string>? NotCovered { get; init; }

    /// <summary>The platform's findings (not-affected ones left out), null when not matched; the API shows counts instead.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SummaryFinding>? Vulnerabilities { get; init; }
}
