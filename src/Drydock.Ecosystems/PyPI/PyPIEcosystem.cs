using Drydock.Ecosystems.Versioning.Pep440;
using Drydock.Scanning.Abstractions.Ecosystems;
using EcosystemKeys = Drydock.Scanning.Abstractions.Model.Ecosystems;

namespace Drydock.Ecosystems.PyPI;

/// <summary>Python: installed distributions, lockfiles, the Python runtime, PEP 440.</summary>
public sealed class PyPIEcosystem : IEcosystemModule
{
    /// <inheritdoc/>
    public string Name => "pypi";

    /// <inheritdoc/>
    public void Register(EcosystemBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPackageDetector(new InstalledPythonPackageDetector());
        builder.AddPackageDetector(TomlLockPackageDetector.Poetry);
        builder.AddPackageDetector(TomlLockPackageDetector.Uv);
        builder.AddPackageDetector(new PipfileLockPackageDetector());
        builder.AddPackageDetector(new RequirementsPackageDetector());
        builder.AddPackageDetector(new PythonRuntimePackageDetector());
        builder.AddVersionScheme(Pep440VersionScheme.Instance);
        builder.AddRangeSyntax(Pep440RangeSyntax.Instance);
        builder.MapEcosystemToScheme(EcosystemKeys.PyPI, "pypi");
        builder.AddAdvisorySource(new AdvisoryFormats.Osv.OsvSource("osv-pypi", "PyPI"));
    }
}
