using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Drydock.Server.Tests.Lifecycle;

public sealed class LifecycleEndpointsTests
{
    [Fact]
    public async Task DeleteRepository_WithImages_RepositoryAndManifestsGone()
    {
        await using var server = await RunningServer.StartAsync();
        var repository = RegistryClient.NewRepository("gone");
        await server.Client.PushImageAsync(repository, "1.0");

        using var deleted = await server.Client.DeleteAsync(new Uri($"/api/v1/repositories/{repository}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var manifest = await server.Client.GetManifestAsync(repository, "1.0");
        Assert.Equal(HttpStatusCode.NotFound, manifest.StatusCode);
        using var artifacts = await server.Client.GetAsync(new Uri($"/api/v1/artifacts?repository={repository}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, artifacts.StatusCode);
        using var again = await server.Client.DeleteAsync(new Uri($"/api/v1/repositories/{repository}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task DeleteNamespace_WithRepositories_ConflictUnlessForced()
    {
        await using var server = await RunningServer.StartAsync();
        var repository = RegistryClient.NewRepository("full");
        await server.Client.PushImageAsync(repository, "1.0");

        using var refused = await server.Client.DeleteAsync(new Uri("/api/v1/namespaces/full", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("force=true", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var forced = await server.Client.DeleteAsync(new Uri("/api/v1/namespaces/full?force=true", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, forced.StatusCode);
        using var gone = await server.Client.GetAsync(new Uri("/api/v1/namespaces/full", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var manifest = await server.Client.GetManifestAsync(repository, "1.0");
        Assert.Equal(HttpStatusCode.NotFound, manifest.StatusCode);
    }

    [Fact]
    public async Task DeleteNamespace_Empty_Deleted()
    {
        await using var server = await RunningServer.StartAsync();
        using (var created = await server.Client.PostAsJsonAsync("/api/v1/namespaces", new { name = "empty" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var deleted = await server.Client.DeleteAsync(new Uri("/api/v1/namespaces/empty", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var missing = await server.Client.DeleteAsync(new Uri("/api/v1/namespaces/empty", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task PutManifest_OverImmutableTag_DeniedNamingTheRule()
    {
        await using var server = await RunningServer.StartAsync();
        var repository = "frozen/app";
        var first = await server.Client.PushImageAsync(repository, "1.0");
        using var rule = await server.Client.PostAsJsonAsync("/api/v1/namespaces/frozen/immutability-rules", new { repositories = "app", tags = "1.*" });
        Assert.Equal(HttpStatusCode.Created, rule.StatusCode);
        var ruleId = (await rule.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"other\":1}"u8.ToArray();
        var layer = RegistryClient.RandomBytes(100);
        await server.Client.PushBlobAsync(repository, config);
        await server.Client.PushBlobAsync(repository, layer);
        using var refused = await server.Client.PutManifestAsync(repository, "1.0", RegistryClient.OciManifest, RegistryClient.ImageManifest(config, [layer]));
        var error = await RegistryClient.AssertOciErrorAsync(refused, HttpStatusCode.Forbidden, "DENIED");
        Assert.Contains($"rule {ruleId}", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        using var same = await server.Client.PutManifestAsync(repository, "1.0", RegistryClient.OciManifest, first);
        Assert.Equal(HttpStatusCode.Created, same.StatusCode);
        using var otherTag = await server.Client.PutManifestAsync(repository, "2.0", RegistryClient.OciManifest, RegistryClient.ImageManifest(config, [layer]));
        Assert.Equal(HttpStatusCode.Created, otherTag.StatusCode);
        using var deleteTag = await server.Client.DeleteAsync(new Uri($"/v2/{repository}/manifests/1.0", UriKind.Relative));
        await RegistryClient.AssertOciErrorAsync(deleteTag, HttpStatusCode.Forbidden, "DENIED");

        using var removed = await server.Client.DeleteAsync(new Uri($"/api/v1/namespaces/frozen/immutability-rules/{ruleId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        using var allowed = await server.Client.PutManifestAsync(repository, "1.0", RegistryClient.OciManifest, RegistryClient.ImageManifest(config, [layer]));
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
    }

    [Fact]
    public async Task ListArtifacts_AfterPulls_ShowsPullCountAndTime()
    {
        await using var server = await RunningServer.StartAsync();
        var repository = RegistryClient.NewRepository("pulls");
        await server.Client.PushImageAsync(repository, "1.0");
        for (var i = 0; i < 3; i++)
        {
            using var pulled = await server.Client.GetManifestAsync(repository, "1.0");
            Assert.Equal(HttpStatusCode.OK, pulled.StatusCode);
        }

        // HEAD is a check, not a pull.
        using (var head = new HttpRequestMessage(HttpMethod.Head, $"/v2/{repository}/manifests/1.0"))
        {
            head.Headers.Accept.ParseAdd(RegistryClient.OciManifest);
            using var headed = await server.Client.SendAsync(head);
            Assert.Equal(HttpStatusCode.OK, headed.StatusCode);
        }

        var artifact = (await server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/artifacts?repository={repository}")).EnumerateArray().Single();
        Assert.Equal(3, artifact.GetProperty("pullCount").GetInt64());
        Assert.Equal(JsonValueKind.String, artifact.GetProperty("lastPulledAt").ValueKind);

        // Flushed to the database, the counts are the same.
        await server.App.Services.GetRequiredService<Drydock.Server.Lifecycle.PullRecorder>().FlushAsync(CancellationToken.None);
        artifact = (await server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/artifacts?repository={repository}")).EnumerateArray().Single();
        Assert.Equal(3, artifact.GetProperty("pullCount").GetInt64());
    }

    [Fact]
    public async Task RetentionRule_InvalidKeep_Answers400()
    {
        await using var server = await RunningServer.StartAsync();
        await server.Client.PushImageAsync("rules/app", "1.0");
        using var response = await server.Client.PostAsJsonAsync("/api/v1/namespaces/rules/retention-rules", new { keep = "most-recent" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var unknown = await server.Client.PostAsJsonAsync("/api/v1/namespaces/rules/retention-rules", new { keep = "oldest", count = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task ImmutabilityRule_PastTheCapPerNamespace_Answers400AndIsNotStored()
    {
        await using var server = await RunningServer.StartAsync();
        await server.Client.PushImageAsync("capped/app", "1.0");
        for (var i = 0; i < 100; i++)
        {
            using var added = await server.Client.PostAsJsonAsync("/api/v1/namespaces/capped/immutability-rules", new { tags = $"v{i}" });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        using var refused = await server.Client.PostAsJsonAsync("/api/v1/namespaces/capped/immutability-rules", new { tags = "v100" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("at most 100", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var rules = await server.Client.GetFromJsonAsync<JsonElement>("/api/v1/namespaces/capped/immutability-rules");
        Assert.Equal(100, rules.GetArrayLength());
    }

    [Fact]
    public async Task Retention_PulledWithin_KeepsThePulledTagAndRemovesItsUntaggedManifests()
    {
        await using var server = await RunningServer.StartAsync();
        var repository = "pulled/app";
        await server.Client.PushImageAsync(repository, "old");
        await server.Client.PushImageAsync(repository, "used");
        using (var pulled = await server.Client.GetManifestAsync(repository, "used"))
        {
            Assert.Equal(HttpStatusCode.OK, pulled.StatusCode);
        }

        using (var rule = await server.Client.PostAsJsonAsync("/api/v1/namespaces/pulled/retention-rules", new { keep = "pulled-within", days = 7 }))
        {
            Assert.Equal(HttpStatusCode.Created, rule.StatusCode);
        }

        using var run = await server.Client.PostAsync(new Uri("/api/v1/namespaces/pulled/retention", UriKind.Relative), null);
        var report = await run.Content.ReadFromJsonAsync<JsonElement>();
        var removed = Assert.Single(report.GetProperty("removed").EnumerateArray());
        Assert.Equal("old", removed.GetProperty("tag").GetString());
        Assert.Equal([removed.GetProperty("digest").GetString()], removed.GetProperty("manifestsRemoved").EnumerateArray().Select(d => d.GetString()));
        using var oldManifest = await server.Client.GetManifestAsync(repository, removed.GetProperty("digest").GetString()!);
        Assert.Equal(HttpStatusCode.NotFound, oldManifest.StatusCode);
        using var kept = await server.Client.GetManifestAsync(repository, "used");
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
    }
}
