using System.Net.Http.Json;
using System.Text.Json;
using Drydock.Oci.Manifests;
using Drydock.Testing;
using Drydock.Testing.Oci;
using Drydock.Testing.Registries;

namespace Drydock.Server.Tests.Integration;

/// <summary>A scan stopped by a limit fails at once with the reason; reading the hostile layer again cannot help.</summary>
public sealed class HostileScanTests
{
    [ToolFact(Skopeo.Program)]
    public async Task Scan_DpkgStatusOfOneEndlessLine_FailsOnTheFirstAttemptNamingTheLimit()
    {
        await using var server = await ScanApi.StartAsync();
        using var work = new TempDirectory("drydock-hostile-scan");
        var layout = new OciLayoutBuilder(work.Combine("layout"));
        var image = await layout.AddImageAsync(
            [[
                LayerEntry.File("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"),
                LayerEntry.File("var/lib/dpkg/status", new string('a', 3 << 20)),
            ]],
            LayerCompression.Gzip,
            new Platform { Os = "linux", Architecture = "amd64" },
            CancellationToken.None);
        layout.Tag(image, "hostile");
        await Skopeo.CopyAsync($"oci:{layout.Directory}:hostile", $"docker://{server.Address.Authority}/hostile/one-line:1", CancellationToken.None);

        using var posted = await server.Client.PostAsJsonAsync("/api/v1/scans", new { repository = "hostile/one-line", reference = "1" });
        posted.EnsureSuccessStatusCode();
        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var scan = await ScanApi.WaitForScanAsync(server.Client, id);

        Assert.Equal("Failed", scan.GetProperty("status").GetString());
        Assert.Equal(1, scan.GetProperty("attempts").GetInt32());
        Assert.Contains("var/lib/dpkg/status has a line longer than", scan.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }
}
