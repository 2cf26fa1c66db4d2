using Drydock.Ecosystems.AdvisoryFormats.Secdb;
using Drydock.Scanning.Abstractions.Advisories;

namespace Drydock.Ecosystems.Wolfi;

/// <summary>The Wolfi security database (secdb JSON); Wolfi is rolling, so it has no release.</summary>
internal sealed class WolfiSecdbSource : IAdvisorySource
{
    // Feed format: secdb JSON, the Alpine format ({packages[].pkg.{name, secfixes}}), one document.
    public const string Url = "https://packages.wolfi.dev/os/security.json";

    public string Name => "wolfi-secdb";

    public Task<FetchResult> FetchAsync(FeedContext context, Fingerprint? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetAsync(new Uri(Url), previous, cancellationToken);
    }

    public IAsyncEnumerable<Advisory> ParseAsync(Stream content, CancellationToken cancellationToken) =>
        SecdbParser.ParseAsync(content, Name, "wolfi", rolling: true, cancellationToken);
}
