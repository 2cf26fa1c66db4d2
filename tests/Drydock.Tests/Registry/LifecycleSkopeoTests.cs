using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Drydock.Testing;
using Drydock.Testing.Oci;
using Drydock.Testing.Registries;

namespace Drydock.Tests.Registry;

/// <summary>
/// Tag immutability, retention and online garbage collection against a real <c>drydock serve</c>, driven by skopeo. The
/// garbage collection grace period is zero here, so a collection right after a retention run frees what it removed.
/// </summary>
public sealed class LifecycleSkopeoTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _data = new("drydock-lifecycle");
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(4));
    private RegistryProcess? _registry;
    private HttpClient? _api;

    private RegistryProcess Registry => _registry!;

    private HttpClient Api => _api!;

    private CancellationToken Timeout => _timeout.Token;

    public async Task InitializeAsync()
    {
        _registry = await RegistryProcess.StartAsync(
            RegistryImplementation.Drydock,
            _data.Path,
            RegistryProcess.FreePort(),
            Timeout,
            new Dictionary<string, string> { ["Registry__GarbageCollectionGracePeriod"] = "00:00:00" });
        _api = new HttpClient { BaseAddress = Registry.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
    }

    public async Task DisposeAsync()
    {
        _api?.Dispose();
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        _data.Dispose();
    }

    public void Dispose() => _timeout.Dispose();

    [ToolFact(Skopeo.Program)]
    public async Task Copy_OverImmutableTag_SkopeoIsDeniedNamingTheRule()
    {
        var ct = Timeout;
        using var work = new TempDirectory("drydock-e2e");
        var layout = new OciLayoutBuilder(work.Combine("built"));
        var first = await TestImages.GzipOnlyAsync(layout, TestImages.Amd64, "immutable-a", 1, ct);
        var second = await TestImages.GzipOnlyAsync(layout, TestImages.Amd64, "immutable-b", 1, ct);
        layout.Tag(first, "a");
        layout.Tag(second, "b");
        var remote = $"docker://{Registry.Host}/locked/app:1.0";
        await Skopeo.CopyAsync($"oci:{layout.Directory}:a", remote, ct, "--preserve-digests");

        using var created = await Api.PostAsJsonAsync("/api/v1/namespaces/locked/immutability-rules", new { repositories = "app", tags = "1.*" }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ruleId = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString();

        var refused = await Skopeo.RunAsync(
            ["copy", "--src-tls-verify=false", "--dest-tls-verify=false", "--preserve-digests", $"oci:{layout.Directory}:b", remote], ct, check: false);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("denied", refused.StandardError, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"rule {ruleId}", refused.StandardError, StringComparison.Ordinal);
        Assert.Equal(RoundTrip.Text(first), await Skopeo.InspectRawAsync(remote, ct));

        // Another tag, and the same image pushed again under the immutable tag, are fine.
        await Skopeo.CopyAsync($"oci:{layout.Directory}:b", $"docker://{Registry.Host}/locked/app:2.0", ct, "--preserve-digests");
        await Skopeo.CopyAsync($"oci:{layout.Directory}:a", remote, ct, "--preserve-digests");

        var deleted = await Skopeo.RunAsync(["delete", "--tls-verify=false", remote], ct, check: false);
        Assert.NotEqual(0, deleted.ExitCode);
        Assert.Equal(RoundTrip.Text(first), await Skopeo.InspectRawAsync(remote, ct));
    }

    [ToolFact(Skopeo.Program)]
    public async Task Retention_DryRunThenRunThenGc_RemovesOnlyTheOldTagsBlobsAndKeptImagesPullIdentical()
    {
        var ct = Timeout;
        using var work = new TempDirectory("drydock-e2e");
        var layout = new OciLayoutBuilder(work.Combine("built"));
        var images = new List<BuiltManifest>();
        for (var i = 1; i <= 4; i++)
        {
            var image = await TestImages.GzipOnlyAsync(layout, TestImages.Amd64, $"retention-{i}", 2, ct);
            layout.Tag(image, $"v{i}");
            images.Add(image);
            await Skopeo.CopyAsync($"oci:{layout.Directory}:v{i}", $"docker://{Registry.Host}/keep/app:v{i}", ct, "--preserve-digests");
        }

        using (var rule = await Api.PostAsJsonAsync("/api/v1/namespaces/keep/retention-rules", new { repositories = "app", tags = "v*", keep = "most-recent", count = 2 }, ct))
        {
            Assert.Equal(HttpStatusCode.Created, rule.StatusCode);
        }

        var dryRun = await PostJsonAsync("/api/v1/namespaces/keep/retention?dryRun=true", ct);
        Assert.Equal(["v1", "v2"], dryRun.GetProperty("removed").EnumerateArray().Select(r => r.GetProperty("tag").GetString()).Order());
        Assert.Equal(["v1", "v2", "v3", "v4"], await TagsAsync(ct));

        var run = await PostJsonAsync("/api/v1/namespaces/keep/retention", ct);
        Assert.False(run.GetProperty("dryRun").GetBoolean());
        Assert.Equal(["v1", "v2"], run.GetProperty("removed").EnumerateArray().Select(r => r.GetProperty("tag").GetString()).Order());
        Assert.Equal(["v3", "v4"], await TagsAsync(ct));

        var gc = await PostJsonAsync("/api/v1/gc", ct);
        var removed = gc.GetProperty("removed").EnumerateArray().Select(b => b.GetProperty("digest").GetString()!).ToHashSet();
        var expectedGone = images[..2].SelectMany(i => i.Blobs).Select(b => b.Digest).ToHashSet();
        Assert.Equal(expectedGone.Order(), removed.Order());
        foreach (var digest in expectedGone)
        {
            var hex = digest["sha256:".Length..];
            Assert.False(File.Exists(Path.Combine(_data.Path, "blobs", "sha256", hex[..2], hex)), digest);
        }

        for (var i = 2; i < 4; i++)
        {
            var pulled = work.Combine($"pulled-v{i + 1}");
            await Skopeo.CopyAsync($"docker://{Registry.Host}/keep/app:v{i + 1}", $"oci:{pulled}:v{i + 1}", ct, "--preserve-digests");
            RoundTrip.AssertIdentical(images[i], layout.Directory, pulled, $"v{i + 1}");
        }
    }

    private async Task<JsonElement> PostJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await Api.PostAsync(new Uri(path, UriKind.Relative), null, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<IEnumerable<string>> TagsAsync(CancellationToken cancellationToken)
    {
        using var tags = JsonDocument.Parse(await Skopeo.ListTagsAsync($"docker://{Registry.Host}/keep/app", cancellationToken));
        return tags.RootElement.GetProperty("Tags").EnumerateArray().Select(t => t.GetString()!).Order().ToList();
    }
}
