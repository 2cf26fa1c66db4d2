namespace Drydock.Scanning.Advisories;

/// <summary>The advisory database version a report was matched against.</summary>
/// <param name="Revision">Increases with every committed source update.</param>
/// <param name="UpdatedAt">When the last committed update happened.</param>
/// <param name="SchemaVersion">The migration level of the database.</param>
public sealed record DatabaseVersion(long Revision, DateTimeOffset UpdatedAt, int SchemaVersion)
{
    /// <summary>"r42 (2026-11-26T20:00:00Z)".</summary>
    public override string ToString() => $"r{Revision} ({UpdatedAt:yyyy-MM-ddTHH:mm:ssZ})";
}
