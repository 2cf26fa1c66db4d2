using Drydock.Ecosystems.AdvisoryFormats.Secdb;
using Drydock.Scanning.Abstractions.Advisories;

namespace Drydock.Ecosystems.Wolfi;

/// <summary>The Chainguard images security database (secdb JSON); rolling like Wolfi.</summary>
internal sealed class ChainguardSecdbSource : IAdvisorySource
{
    // Feed format: secdb JSON, the Alpine format ({packages[].pkg.{name, secfixes}}), one document.
    public const string Url = "https://packages.cgr.dev/chainguard/security.json";

    public string Name => "chainguard-secdb";

    public Task<FetchResult> FetchAsync(FeedContext context, Fingerprint? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetAsync(new Uri(Url), previous, cancellationToken);
    }

    public IAsyncEnumerable<Advisory> ParseAsync(Stream content, CancellationToken cancellationToken) =>
        SecdbParser.ParseAsync(content, Name, "chainguard", rolling: true, cancellationToken);
}
