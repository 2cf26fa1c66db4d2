using System.Net.Http.Json;
using System.Text.Json;
using Drydock.Oci.Manifests;
using Drydock.Server.Integration;
using Drydock.Server.Tests.Integration;
using Drydock.Testing;
using Drydock.Testing.Oci;
using Drydock.Testing.Registries;

namespace Drydock.Server.Tests.Policies;

/// <summary>
/// One server for the policy tests, over the <see cref="PolicyFeeds"/> database and a clock the tests move. skopeo
/// pushes two images into several namespaces (each with autoScan) and the fixture waits until every scan succeeded:
/// "app" (Alpine 3.10 + requests 2.30.0 + setuptools 51.3.3) and "base" (the Alpine 3.10 layer only).
/// Namespaces: <c>guarded</c> (preventVulnerable, threshold medium), <c>open</c> (no policy), <c>clean</c>
/// (preventVulnerable, threshold low, holds base only) and <c>accepted</c> (like guarded, with every finding of app
/// allowlisted by its CVE id).
/// </summary>
public sealed class PolicyServerFixture : IAsyncLifetime
{
    /// <summary>The other host name the admission settings give this registry.</summary>
    public const string ConfiguredHost = "registry.example.test";

    private readonly TempDirectory _images = new("drydock-policy-images");

    public AdjustableTimeProvider Clock { get; } = new();

    public RunningServer Server { get; private set; } = null!;

    public HttpClient Client => Server.Client;

    /// <summary>host:port of the running server, as an image reference names it.</summary>
    public string Host => Server.Address.Authority;

    /// <summary>The OCI layout the images are pushed from (tags "app" and "base").</summary>
    public string Layout => _images.Combine("layout");

    public string AppDigest { get; private set; } = null!;

    public string BaseDigest { get; private set; } = null!;

    internal IReadOnlyList<ExpectedFinding> Expected { get; } = PolicyFeeds.ExpectedFindings();

    public async Task InitializeAsync()
    {
        var data = new TempDirectory("drydock-policy-server");
        await PolicyFeeds.WriteDatabaseAsync(data.Combine(ServerMatcher.DatabaseFileName));
        var config = data.Combine("settings.json");
        await File.WriteAllTextAsync(
            config,
            $$"""
            {
              "Scanning": {
                "LeaseDuration": "00:00:05", "PollInterval": "00:00:00.200",
                "Admission": { "RegistryHosts": ["{{ConfiguredHost}}"], "OtherRegistries": "allow" }
              }
            }
            """);
        Server = await RunningServer.StartAsync(data: data, configFile: config, timeProvider: Clock);

        var layout = new OciLayoutBuilder(Layout);
        var platform = new Platform { Os = "linux", Architecture = "amd64" };
        var app = await layout.AddImageAsync([ScanApi.AlpineFiles(), PolicyFeeds.PythonLayer()], LayerCompression.Gzip, platform, CancellationToken.None);
        layout.Tag(app, "app");
        var @base = await layout.AddImageAsync([ScanApi.AlpineFiles()], LayerCompression.Gzip, platform, CancellationToken.None);
        layout.Tag(@base, "base");
        AppDigest = app.Digest.ToString();
        BaseDigest = @base.Digest.ToString();

        await ScanApi.PatchNamespaceAsync(Client, "guarded", """{"autoScan": true, "preventVulnerable": true, "severityThreshold": "medium"}""");
        await ScanApi.PatchNamespaceAsync(Client, "open", """{"autoScan": true}""");
        await ScanApi.PatchNamespaceAsync(Client, "clean", """{"autoScan": true, "preventVulnerable": true, "severityThreshold": "low"}""");
        await ScanApi.PatchNamespaceAsync(Client, "accepted", """{"autoScan": true, "preventVulnerable": true, "severityThreshold": "medium"}""");
        foreach (var finding in Expected)
        {
            using var added = await Client.PostAsJsonAsync(
                "/api/v1/namespaces/accepted/allowlist", new { vulnerabilityId = finding.Id, reason = "accepted for the admission tests" });
            added.EnsureSuccessStatusCode();
        }

        await PushAndScanAsync("app", "guarded/app:1");
        await PushAndScanAsync("app", "open/app:1");
        await PushAndScanAsync("app", "accepted/app:1");
        await PushAndScanAsync("base", "clean/base:1");
    }

    /// <summary>Pushes a layout tag with skopeo and waits for its auto-scan to succeed; returns the artifact.</summary>
    public async Task<JsonElement> PushAndScanAsync(string layoutTag, string target)
    {
        await Skopeo.CopyAsync($"oci:{Layout}:{layoutTag}", $"docker://{Host}/{target}", CancellationToken.None);
        var colon = target.LastIndexOf(':');
        var artifact = await ScanApi.WaitForArtifactAsync(Client, target[..colon], target[(colon + 1)..]);
        Assert.Equal("Success", artifact.GetProperty("status").GetString());
        return artifact;
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _images.Dispose();
    }
}
