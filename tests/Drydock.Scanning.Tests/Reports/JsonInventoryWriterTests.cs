using System.Text.Json;
using Drydock.Scanning.Reports;
using Drydock.Scanning.Tests.Indexing;
using Drydock.Testing;

namespace Drydock.Scanning.Tests.Reports;

public sealed class JsonInventoryWriterTests
{
    [Fact]
    public async Task WriteAsync_AlpineImage_WritesDistributionPackagesAndLayers()
    {
        var inventory = await IndexingFixture.IndexAsync($"docker-archive:{TestPaths.Shared("images", "alpine-310.tar.gz")}");
        using var output = new MemoryStream();

        await new JsonInventoryWriter().WriteAsync(inventory, output, CancellationToken.None);

        using var document = JsonDocument.Parse(output.ToArray());
        Assert.Equal("alpine", document.RootElement.GetProperty("distribution").GetProperty("id").GetString());
        Assert.Equal(14, document.RootElement.GetProperty("packages").GetArrayLength());
        Assert.Equal(inventory.Layers[0], document.RootElement.GetProperty("packages")[0].GetProperty("layerDigest").GetString());
    }
}
