namespace Drydock.Server.Updates;

/// <summary>One run of the advisory updater, as <c>GET /api/v1/db/status</c> shows it.</summary>
public sealed record DatabaseUpdate
{
    public required string Id { get; init; }

    /// <summary>What started it: <c>schedule</c> or <c>api</c>.</summary>
    public required string Trigger { get; init; }

    /// <summary>Running, Succeeded, or Failed (the run broke off, or a source failed; the data of failed sources stays as it was).</summary>
    public required string Status { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Each source's outcome: Updated, Unchanged or Failed, with its records or its error.</summary>
    public IReadOnlyList<SourceUpdate> Sources { get; init; } = [];

    /// <summary>Whether the database in force changed, so stored inventories were matched again.</summary>
    public bool Changed { get; init; }

    /// <summary>The database version in force after the run.</summary>
    public string? DatabaseVersion { get; init; }

    /// <summary>Artifacts matched again (no layer read).</summary>
    public int Rematched { get; init; }

    /// <summary>How long matching the stored inventories again took (after the index was rebuilt).</summary>
    public TimeSpan? RematchElapsed { get; init; }

    /// <summary>Artifacts that gained findings (each raised <c>vulnerabilities.new</c>).</summary>
    public int WithNewFindings { get; init; }

    /// <summary>Why the run broke off.</summary>
    public string? Error { get; init; }
}
