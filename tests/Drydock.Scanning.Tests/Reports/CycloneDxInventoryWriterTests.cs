using System.Text.Json;
using Drydock.Scanning.Reports;
using Drydock.Scanning.Tests.Indexing;
using Drydock.Testing;
using Drydock.Testing.Schemas;

namespace Drydock.Scanning.Tests.Reports;

public sealed class CycloneDxInventoryWriterTests
{
    [Fact]
    public async Task WriteAsync_AlpineImage_ValidatesAgainstCycloneDx16AndListsEveryPackage()
    {
        var inventory = await IndexingFixture.IndexAsync($"docker-archive:{TestPaths.Shared("images", "alpine-310.tar.gz")}");
        using var output = new MemoryStream();

        await new CycloneDxInventoryWriter(TimeProvider.System).WriteAsync(inventory, output, CancellationToken.None);

        var json = System.Text.Encoding.UTF8.GetString(output.ToArray());
        Assert.Empty(SbomSchemas.ValidateCycloneDx(json));
        using var document = JsonDocument.Parse(json);
        var components = document.RootElement.GetProperty("components").EnumerateArray().ToList();
        Assert.Equal("operating-system", components[0].GetProperty("type").GetString());
        Assert.Equal(
            inventory.Packages.Select(p => p.Purl),
            components.Skip(1).Select(c => c.GetProperty("purl").GetString()));
        Assert.All(components.Skip(1), c => Assert.Contains(
            c.GetProperty("properties").EnumerateArray(),
            p => p.GetProperty("name").GetString() == CycloneDxInventoryWriter.LayerProperty && p.GetProperty("value").GetString() == inventory.Layers[0]));
    }

    [Fact]
    public async Task WriteAsync_BrokenDocument_IsCaughtByTheValidator()
    {
        // The validator itself must be able to fail: a document without bomFormat is not CycloneDX.
        var errors = SbomSchemas.ValidateCycloneDx("""{"specVersion":"1.6","components":[{"type":"library"}]}""");

        Assert.NotEmpty(errors);
        await Task.CompletedTask;
    }
}
