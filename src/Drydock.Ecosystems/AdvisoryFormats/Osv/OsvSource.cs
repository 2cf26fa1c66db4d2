using Drydock.Scanning.Abstractions.Advisories;

namespace Drydock.Ecosystems.AdvisoryFormats.Osv;

/// <summary>One OSV ecosystem export (npm, PyPI, Go, crates.io, Maven, NuGet, RubyGems, Packagist, Rocky
/// Linux, AlmaLinux): the <c>all.zip</c> of every record, read entry by entry. GHSA arrives here.</summary>
internal sealed class OsvSource : IAdvisorySource
{
    // Feed format: a zip of OSV JSON records (one file per id) per ecosystem, e.g.
    // https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip.
    public const string BaseUrl = "https://osv-vulnerabilities.storage.googleapis.com/";

    private readonly string _osvEcosystem;

    /// <summary>Creates the source for one OSV ecosystem.</summary>
    /// <param name="name">The source name, e.g. "osv-pypi".</param>
    /// <param name="osvEcosystem">The OSV ecosystem as the export names it, e.g. "PyPI", "Rocky Linux".</param>
    public OsvSource(string name, string osvEcosystem)
    {
        Name = name;
        _osvEcosystem = osvEcosystem;
    }

    public string Name { get; }

    public Uri Url => new($"{BaseUrl}{Uri.EscapeDataString(_osvEcosystem)}/all.zip");

    public Task<FetchResult> FetchAsync(FeedContext context, Fingerprint? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetAsync(Url, previous, cancellationToken);
    }

    public IAsyncEnumerable<Advisory> ParseAsync(Stream content, CancellationToken cancellationToken) =>
        OsvParser.ParseAsync(content, Name, cancellationToken);
}
