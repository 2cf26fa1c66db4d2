namespace Drydock.Scanning.Abstractions.Model;

/// <summary>One installed package found in an image: an OS package or a language package.</summary>
public sealed record Package
{
    /// <summary>The ecosystem key, one of <see cref="Ecosystems"/> (the purl type, e.g. "deb", "npm").</summary>
    public required string Ecosystem { get; init; }

    /// <summary>The package name, normalised the way its ecosystem compares names (PEP 503 for PyPI,
    /// <c>groupId:artifactId</c> for Maven).</summary>
    public required string Name { get; init; }

    /// <summary>The installed version exactly as the package database states it (dpkg and rpm include the epoch).</summary>
    public required string Version { get; init; }

    /// <summary>The source package name, where the package manager records one (dpkg, rpm, apk origin).</summary>
    public string? SourceName { get; init; }

    /// <summary>The source package version, where it differs from <see cref="Version"/>.</summary>
    public string? SourceVersion { get; init; }

    /// <summary>The architecture, e.g. amd64, x86_64, noarch.</summary>
    public string? Architecture { get; init; }

    /// <summary>The declared licence expression or text.</summary>
    public string? License { get; init; }

    /// <summary>The vendor or maintainer, where recorded.</summary>
    public string? Vendor { get; init; }

    /// <summary>The rpm modularity label (<c>name:stream:version:context</c>), where present.</summary>
    public string? Module { get; init; }

    /// <summary>The package URL (purl) of this package.</summary>
    public required string Purl { get; init; }

    /// <summary>The path of the file inside the image where the package was found, without a leading slash.</summary>
    public string? FilePath { get; init; }

    /// <summary>
    /// Where the package is installed, as a path inside the image without a leading slash (an npm package's
    /// <c>node_modules/name</c> folder, a Composer package's <c>vendor/name</c> folder, a Python distribution's
    /// <c>.dist-info</c> folder, the binary that embeds a crate), where the detector knows it. A lock file states it
    /// for its entries when its format fixes the folder (npm, Composer); otherwise null. One package is one
    /// (ecosystem, name, version, install path): the engine merges the files that name the same one.
    /// </summary>
    public string? InstallPath { get; init; }

    /// <summary>Every file that named this package (the installed record and the lock files), set by the engine;
    /// <see cref="FilePath"/> is the first of them to read.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    /// <summary>The digest of the layer that introduced this installed version; set by the engine.</summary>
    public string? LayerDigest { get; init; }

    /// <summary>True when a lockfile marks the package as a development-only dependency.</summary>
    public bool Development { get; init; }

    /// <summary>The name of the detector that found the package; set by the engine.</summary>
    public string? Detector { get; init; }

    /// <summary>Value equality over every member, <see cref="Evidence"/> compared item by item (a record would compare
    /// the list by reference).</summary>
    public bool Equals(Package? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Ecosystem == other.Ecosystem && Name == other.Name && Version == other.Version
                && SourceName == other.SourceName && SourceVersion == other.SourceVersion && Architecture == other.Architecture
                && License == other.License && Vendor == other.Vendor && Module == other.Module && Purl == other.Purl
                && FilePath == other.FilePath && InstallPath == other.InstallPath && LayerDigest == other.LayerDigest
                && Development == other.Development && Detector == other.Detector && Evidence.SequenceEqual(other.Evidence)));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Ecosystem, Name, Version, Architecture, FilePath, InstallPath, LayerDigest);
}
