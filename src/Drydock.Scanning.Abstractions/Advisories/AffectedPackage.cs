using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Scanning.Abstractions.Advisories;

/// <summary>What one advisory says about one package in one distribution release or language ecosystem.</summary>
public sealed record AffectedPackage
{
    /// <summary>The ecosystem key (<see cref="Ecosystems"/>).</summary>
    public required string Ecosystem { get; init; }

    /// <summary>For OS packages, the distribution and release the statement is about, as
    /// <c>id:release</c> ("debian:12", "alpine:3.10", "rhel:9"); null for language packages.</summary>
    public string? Distribution { get; init; }

    /// <summary>The package name the feed uses: the source package for Debian and Ubuntu, the binary
    /// name for Alpine and RPM distributions, the normalised name for language ecosystems.</summary>
    public required string Name { get; init; }

    /// <summary>For Red Hat: the module stream the statement is limited to ("nodejs:18").</summary>
    public string? Module { get; init; }

    /// <summary>The statement's status.</summary>
    public AffectedStatus Status { get; init; } = AffectedStatus.Affected;

    /// <summary>The affected ranges; an empty list with status Affected means every version.</summary>
    public IReadOnlyList<AffectedRange> Ranges { get; init; } = [];

    /// <summary>Explicitly listed affected versions (OSV <c>versions</c>).</summary>
    public IReadOnlyList<string> Versions { get; init; } = [];

    /// <summary>A severity the feed assigns to this package only (Debian urgency, Ubuntu priority).</summary>
    public Severity? Severity { get; init; }

    /// <summary>Why a package is not affected or will not be fixed, as the feed says it.</summary>
    public string? Note { get; init; }
}
