namespace Drydock.Scanning.Abstractions.Advisories;

/// <summary>
/// One affected interval in OSV's event form: affected from <see cref="Introduced"/> (inclusive,
/// null or "0" for the beginning) up to <see cref="Fixed"/> (exclusive) or <see cref="LastAffected"/>
/// (inclusive), compared with the ecosystem's version scheme. A simple "fixed in X" statement is
/// <c>new AffectedRange { Fixed = "X" }</c>.
/// </summary>
public sealed record AffectedRange
{
    /// <summary>The first affected version, inclusive; null or "0" means every version before the end.</summary>
    public string? Introduced { get; init; }

    /// <summary>The first fixed version, exclusive end.</summary>
    public string? Fixed { get; init; }

    /// <summary>The last affected version, inclusive end.</summary>
    public string? LastAffected { get; init; }

    /// <summary>An upper limit (OSV <c>limit</c>), exclusive.</summary>
    public string? Limit { get; init; }

    /// <summary>The range type: "ECOSYSTEM" (the ecosystem's scheme), "SEMVER", or "native" when
    /// <see cref="Expression"/> holds a range in the ecosystem's own notation.</summary>
    public string Type { get; init; } = "ECOSYSTEM";

    /// <summary>A range in the ecosystem's native notation (npm, PEP 440, Maven interval), when the feed gives one.</summary>
    public string? Expression { get; init; }
}
