namespace Drydock.Scanning.Abstractions.Model;

/// <summary>
/// Ecosystem keys. They are the package-url types, so a package's ecosystem and its purl agree,
/// and they are persisted: renaming one is a data migration.
/// </summary>
public static class Ecosystems
{
    /// <summary>Debian packages (dpkg): Debian, Ubuntu, distroless.</summary>
    public const string Deb = "deb";

    /// <summary>RPM packages: RHEL, CentOS, Rocky, Alma, Fedora, Amazon, Oracle, SUSE, Photon, Azure Linux.</summary>
    public const string Rpm = "rpm";

    /// <summary>Alpine packages: Alpine, Wolfi, Chainguard.</summary>
    public const string Apk = "apk";

    /// <summary>npm packages.</summary>
    public const string Npm = "npm";

    /// <summary>Python packages (PyPI).</summary>
    public const string PyPI = "pypi";

    /// <summary>Go modules.</summary>
    public const string Go = "golang";

    /// <summary>Maven artifacts.</summary>
    public const string Maven = "maven";

    /// <summary>NuGet packages.</summary>
    public const string NuGet = "nuget";

    /// <summary>Ruby gems.</summary>
    public const string RubyGems = "gem";

    /// <summary>Rust crates.</summary>
    public const string Cargo = "cargo";

    /// <summary>PHP Composer packages.</summary>
    public const string Composer = "composer";

    /// <summary>Software recognised from its files rather than a package database (runtimes copied in).</summary>
    public const string Generic = "generic";
}
