using System.Net;
using System.Text;
using System.Text.Json;
using Drydock.Data.Scans;
using Drydock.Server.Integration;
using Drydock.Server.Tests.Integration;
using Drydock.Testing;
using Drydock.Testing.Registries;
using Microsoft.Extensions.DependencyInjection;

namespace Drydock.Server.Tests.Policies;

/// <summary>
/// The pull policy against stored summaries. The fixture feeds carry no severities (secdb), so the summaries here are
/// stored through the scan store directly, as a finished scan would; the worker is off (concurrency 0).
/// </summary>
public sealed class PullPolicyMiddlewareTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await ScanApi.StartAsync(concurrency: 0);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [ToolFact(Skopeo.Program)]
    public async Task Pull_AtOrAboveThreshold_DeniedWithCountsAndReportThenAllowedWithHigherThreshold()
    {
        await ScanApi.PatchNamespaceAsync(_server.Client, "policy", """{"preventVulnerable": true, "severityThreshold": "high"}""");
        var image = $"docker://{_server.Address.Authority}/policy/alpine:3.10";
        await Skopeo.CopyAsync($"docker-archive:{ScanApi.AlpineArchive}", image, CancellationToken.None);
        var digest = JsonDocument.Parse(await _server.Client.GetStringAsync(new Uri("/api/v1/artifacts?repository=policy/alpine", UriKind.Relative)))
            .RootElement.EnumerateArray().Single().GetProperty("digest").GetString()!;
        await StoreSummaryAsync("policy/alpine", digest, new Dictionary<string, int> { ["critical"] = 0, ["high"] = 2, ["medium"] = 5, ["low"] = 1 });
        using var target = new TempDirectory("drydock-policy-pull");

        var refused = await Skopeo.RunAsync(["copy", "--src-tls-verify=false", image, $"dir:{target.Combine("denied")}"], CancellationToken.None, check: false);
        using var head = new HttpRequestMessage(HttpMethod.Head, $"/v2/policy/alpine/manifests/{digest}");
        using var headResponse = await _server.Client.SendAsync(head);
        using var get = await _server.Client.GetAsync(new Uri("/v2/policy/alpine/manifests/3.10", UriKind.Relative));

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Equal(HttpStatusCode.Forbidden, headResponse.StatusCode);
        var error = await RegistryClient.AssertOciErrorAsync(get, HttpStatusCode.Forbidden, "DENIED");
        var message = error.GetProperty("message").GetString();
        Assert.Contains("2 high", message, StringComparison.Ordinal);
        Assert.DoesNotContain("medium", message, StringComparison.Ordinal);
        Assert.Contains($"/api/v1/reports?repository=policy/alpine&reference={digest}", message, StringComparison.Ordinal);

        using var patch = new StringContent("""{"severityThreshold": "critical"}""", Encoding.UTF8, "application/json");
        (await _server.Client.PatchAsync(new Uri("/api/v1/namespaces/policy", UriKind.Relative), patch)).EnsureSuccessStatusCode();
        await Skopeo.CopyAsync(image, $"dir:{target.Combine("allowed")}", CancellationToken.None);
        Assert.True(File.Exists(target.Combine("allowed", "manifest.json")));
    }

    [Fact]
    public async Task Pull_SettingsChangedWithoutThePatchEndpoint_AppliedOnceTheCachedSettingsExpire()
    {
        // As another replica would change them: straight in the database, unseen by this process's policy cache.
        var manifest = await _server.Client.PushImageAsync("elsewhere/app", "1");
        using (var allowed = await _server.Client.GetManifestAsync("elsewhere/app", "1", RegistryClient.OciManifest))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        Assert.True(await _server.App.Services.GetRequiredService<IScanStore>()
            .UpdateNamespaceSettingsAsync("elsewhere", """{"preventVulnerable": true}""", CancellationToken.None));

        // Polled with a deadline far beyond the cache's one-second lifetime; without expiry the pull stays allowed.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        HttpStatusCode status;
        do
        {
            await Task.Delay(100);
            using var response = await _server.Client.GetManifestAsync("elsewhere/app", RegistryClient.Sha256(manifest), RegistryClient.OciManifest);
            status = response.StatusCode;
        }
        while (status == HttpStatusCode.OK && DateTimeOffset.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    private async Task StoreSummaryAsync(string repository, string digest, Dictionary<string, int> counts)
    {
        var store = _server.App.Services.GetRequiredService<IScanStore>();
        var now = DateTimeOffset.UtcNow;
        var job = await store.EnqueueAsync(repository, digest, digest, now, CancellationToken.None);
        Assert.NotNull(await store.ClaimAsync("test", now, now.AddMinutes(1), 3, CancellationToken.None));
        var summary = new ScanSummary { Matched = true, Counts = counts, Fixable = counts, HighestSeverity = "high", DatabaseVersion = "r1" };
        var json = JsonSerializer.Serialize(summary, Json);
        Assert.True(await store.CompleteAsync(job.Id, "test", new ScanResultRecord(repository, digest, ScanStatus.Success, null, json, "[]", now), CancellationToken.None));
    }
}
