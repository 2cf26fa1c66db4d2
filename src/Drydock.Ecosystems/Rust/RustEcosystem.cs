using Drydock.Ecosystems.Versioning.SemVer;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Rust;

/// <summary>Rust: Cargo.lock and cargo-auditable binaries, Cargo SemVer.</summary>
public sealed class RustEcosystem : IEcosystemModule
{
    /// <inheritdoc/>
    public string Name => "rust";

    /// <inheritdoc/>
    public void Register(EcosystemBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPackageDetector(new CargoLockPackageDetector());
        builder.AddPackageDetector(Binaries.ExecutablePackageDetector.Instance);
        builder.AddVersionScheme(CargoVersionScheme.Instance).MapEcosystemToScheme(Scanning.Abstractions.Model.Ecosystems.Cargo, "cargo");
        builder.AddAdvisorySource(new AdvisoryFormats.Osv.OsvSource("osv-crates-io", "crates.io"));
    }
}
