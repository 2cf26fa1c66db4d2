using System.Net;
using Drydock.Data.Scans;
using Drydock.Server.Tests.Integration;
using Drydock.Testing.Registries;
using Microsoft.Extensions.DependencyInjection;

namespace Drydock.Server.Tests.Policies;

/// <summary>
/// The pull policy's in-process settings cache: a change made behind its back (as another replica would make it)
/// applies once the cached settings expire. The worker is off (concurrency 0): no scan is needed to be denied.
/// </summary>
public sealed class NamespacePolicyCacheTests : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await ScanApi.StartAsync(concurrency: 0);

    public async Task DisposeAsync() => await _server.DisposeAsync();

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
}
