namespace Drydock.Scanning.Abstractions.Model;

/// <summary>The operating system distribution of an image, normalised for matching.</summary>
public sealed record Distribution
{
    /// <summary>The os-release ID, lowercase: debian, ubuntu, alpine, rhel, centos, rocky, almalinux,
    /// fedora, amzn, ol, sles, opensuse-leap, photon, wolfi, chainguard, azurelinux.</summary>
    public required string Id { get; init; }

    /// <summary>The release used for matching: "12" for Debian bookworm, "3.10" for Alpine 3.10.4,
    /// "22.04" for Ubuntu, "9" for RHEL 9.3, "2" or "2023" for Amazon Linux.</summary>
    public required string Release { get; init; }

    /// <summary>The full version as found, e.g. "3.10.4" or "12.5".</summary>
    public string? Version { get; init; }

    /// <summary>The release codename where the distribution has one (bookworm, jammy).</summary>
    public string? Codename { get; init; }

    /// <summary>The human-readable name, e.g. "Debian GNU/Linux 12 (bookworm)".</summary>
    public string? PrettyName { get; init; }

    /// <summary>The CPE name from os-release, where present (RHEL family).</summary>
    public string? Cpe { get; init; }

    /// <summary>The purl <c>distro</c> qualifier value, e.g. "debian-12", "alpine-3.10".</summary>
    public string PurlQualifier => $"{Id}-{Release}";
}
