using System.Text.Json;
using Drydock.Scanning.Reports;
using Drydock.Scanning.Tests.Indexing;
using Drydock.Testing;
using Drydock.Testing.Schemas;

namespace Drydock.Scanning.Tests.Reports;

public sealed class SpdxInventoryWriterTests
{
    [Fact]
    public async Task WriteAsync_AlpineImage_ValidatesAgainstSpdx23AndListsEveryPackage()
    {
        var inventory = await IndexingFixture.IndexAsync($"docker-archive:{TestPaths.Shared("images", "alpine-310.tar.gz")}");
        using var output = new MemoryStream();

        await new SpdxInventoryWriter(TimeProvider.System).WriteAsync(inventory, output, CancellationToken.None);

        var json = System.Text.Encoding.UTF8.GetString(output.ToArray());
        Assert.Empty(SbomSchemas.ValidateSpdx(json));
        using var document = JsonDocument.Parse(json);
        var purls = document.RootElement.GetProperty("packages").EnumerateArray()
            .Where(p => p.TryGetProperty("externalRefs", out _))
            .Select(p => p.GetProperty("externalRefs")[0].GetProperty("referenceLocator").GetString());
        Assert.Equal(inventory.Packages.Select(p => p.Purl), purls);
    }

    [Fact]
    public void ValidateSpdx_DocumentWithoutRequiredFields_IsRejected()
    {
        Assert.NotEmpty(SbomSchemas.ValidateSpdx("""{"spdxVersion":"SPDX-2.3","packages":[{"name":"x"}]}"""));
    }
}
