using Drydock.Ecosystems.AdvisoryFormats;
using Drydock.Ecosystems.AdvisoryFormats.Secdb;
using Drydock.Scanning.Abstractions.Advisories;

namespace Drydock.Ecosystems.Alpine;

/// <summary>The Alpine security database: one secdb JSON per branch and repository, matched by branch.</summary>
internal sealed class AlpineSecdbSource : IAdvisorySource
{
    // Feed format: Alpine secdb JSON ({distroversion, reponame, packages[].pkg.{name, secfixes}}), one
    // document per branch and repository: {BaseUrl}v3.20/main.json, …/community.json.
    public const string BaseUrl = "https://secdb.alpinelinux.org/";

    /// <summary>The branches fetched. Older branches are end-of-life; their data no longer changes upstream.</summary>
    public static readonly IReadOnlyList<string> Branches =
    [
        "v3.10", "v3.11", "v3.12", "v3.13", "v3.14", "v3.15", "v3.16", "v3.17", "v3.18", "v3.19", "v3.20", "v3.21", "v3.22", "edge",
    ];

    private static readonly string[] Repositories = ["main", "community"];

    public string Name => "alpine-secdb";

    public Task<FetchResult> FetchAsync(FeedContext context, Fingerprint? previous, CancellationToken cancellationToken) =>
        FeedDocuments.FetchAllAsync(
            context,
            [.. Branches.SelectMany(b => Repositories.Select(r => new Uri($"{BaseUrl}{b}/{r}.json")))],
            previous,
            cancellationToken);

    public IAsyncEnumerable<Advisory> ParseAsync(Stream content, CancellationToken cancellationToken) =>
        SecdbParser.ParseAsync(content, Name, "alpine", rolling: false, cancellationToken);
}
