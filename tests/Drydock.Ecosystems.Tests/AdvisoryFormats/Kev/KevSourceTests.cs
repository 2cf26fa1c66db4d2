using System.Text.Json;
using Drydock.Ecosystems.AdvisoryFormats.Kev;
using Drydock.Testing;
using static Drydock.Ecosystems.Tests.AdvisoryFormats.AdvisoryTestHelpers;

namespace Drydock.Ecosystems.Tests.AdvisoryFormats.Kev;

public sealed class KevSourceTests
{
    [Fact]
    public async Task ParseAsync_FullCatalog_GivesTheStatedCount()
    {
        var path = TestPaths.Shared("feeds", "kev-epss", "cisa-kev", "known_exploited_vulnerabilities.json");

        var advisories = await ParseFileAsync(new KevSource(), path);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        Assert.Equal(json.RootElement.GetProperty("count").GetInt32(), advisories.Count);
        var git = advisories.Single(a => a.Id == "CVE-2025-48384");
        Assert.Equal(new DateOnly(2025, 8, 25), git.KnownExploited!.DateAdded);
        Assert.All(advisories, a => Assert.NotNull(a.KnownExploited));
    }
}
