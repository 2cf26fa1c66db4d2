using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Drydock.Server.Tests.Integration;

namespace Drydock.Server.Tests.Api.V1;

public sealed class ScanEndpointsTests
{
    [Fact]
    public async Task Post_ImageWithUnreadableLayer_FailsOnTheFirstAttemptWithReason()
    {
        // The layer is 1,000 random bytes: not a tar in any compression. Its digest was verified on upload, so
        // reading it again cannot give anything else; another attempt would only spend the same work.
        await using var server = await ScanApi.StartAsync();
        var repository = RegistryClient.NewRepository();
        await server.Client.PushImageAsync(repository, "v1");

        var scan = await PostScanAsync(server.Client, repository, "v1", HttpStatusCode.Accepted);
        var finished = await ScanApi.WaitForScanAsync(server.Client, scan.GetProperty("id").GetString()!);

        Assert.Equal("Failed", finished.GetProperty("status").GetString());
        Assert.Equal(1, finished.GetProperty("attempts").GetInt32());
        Assert.StartsWith("Attempt 1 failed:", finished.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var artifact = await ScanApi.WaitForArtifactAsync(server.Client, repository, "v1");
        Assert.Equal("Failed", artifact.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Post_ImageWhoseLayerFileIsMissing_FailsAfterRetriesWithReason()
    {
        // A blob file gone from the store is an I/O failure that may pass (a volume remounted, a replica catching up),
        // so the scan is tried again with backoff before it is marked Failed.
        await using var server = await ScanApi.StartAsync();
        var repository = RegistryClient.NewRepository();
        var manifest = await server.Client.PushImageAsync(repository, "v1");
        var layer = System.Text.Json.Nodes.JsonNode.Parse(manifest)!["layers"]![0]!["digest"]!.GetValue<string>();
        var hex = layer["sha256:".Length..];
        File.Delete(Path.Combine(server.Data.Path, "blobs", "sha256", hex[..2], hex));

        var scan = await PostScanAsync(server.Client, repository, "v1", HttpStatusCode.Accepted);
        var finished = await ScanApi.WaitForScanAsync(server.Client, scan.GetProperty("id").GetString()!);

        Assert.Equal("Failed", finished.GetProperty("status").GetString());
        Assert.Equal(3, finished.GetProperty("attempts").GetInt32());
        Assert.StartsWith("Attempt 3 failed:", finished.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ArtifactManifest_Unsupported()
    {
        await using var server = await ScanApi.StartAsync();
        var repository = RegistryClient.NewRepository();
        await server.Client.PushImageAsync(repository, "sig", configType: "application/vnd.example.signature.config+json", artifactType: "application/vnd.example.signature");

        var scan = await PostScanAsync(server.Client, repository, "sig", HttpStatusCode.Accepted);
        var finished = await ScanApi.WaitForScanAsync(server.Client, scan.GetProperty("id").GetString()!);

        Assert.Equal("Unsupported", finished.GetProperty("status").GetString());
        Assert.Contains("not an image", finished.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ByDigestTwiceWhileQueued_SameScanQueued()
    {
        await using var server = await ScanApi.StartAsync(concurrency: 0);
        var repository = RegistryClient.NewRepository();
        var manifest = await server.Client.PushImageAsync(repository, "v1");
        var digest = RegistryClient.Sha256(manifest);

        var byTag = await PostScanAsync(server.Client, repository, "v1", HttpStatusCode.Accepted);
        var byDigest = await PostScanAsync(server.Client, repository, digest, HttpStatusCode.Accepted);

        Assert.Equal(byTag.GetProperty("id").GetString(), byDigest.GetProperty("id").GetString());
        Assert.Equal(digest, byTag.GetProperty("digest").GetString());
        Assert.Equal("Queued", byTag.GetProperty("status").GetString());
        var artifacts = await server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/artifacts?repository={repository}");
        Assert.Equal("Queued", artifacts.EnumerateArray().Single().GetProperty("status").GetString());
    }

    [Fact]
    public async Task Delete_QueuedScan_StoppedAndThenConflict()
    {
        await using var server = await ScanApi.StartAsync(concurrency: 0);
        var repository = RegistryClient.NewRepository();
        await server.Client.PushImageAsync(repository, "v1");
        var id = (await PostScanAsync(server.Client, repository, "v1", HttpStatusCode.Accepted)).GetProperty("id").GetString();

        using var stopped = await server.Client.DeleteAsync(new Uri($"/api/v1/scans/{id}", UriKind.Relative));
        using var again = await server.Client.DeleteAsync(new Uri($"/api/v1/scans/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        var body = await stopped.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Failed", body.GetProperty("status").GetString());
        Assert.Equal("Stopped by request.", body.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_UnknownManifestOrBadInput_ProblemDetails()
    {
        await using var server = await ScanApi.StartAsync(concurrency: 0);
        var repository = RegistryClient.NewRepository();
        await server.Client.PushImageAsync(repository, "v1");

        await PostScanAsync(server.Client, repository, "missing", HttpStatusCode.NotFound);
        await PostScanAsync(server.Client, "Not/Valid", "v1", HttpStatusCode.BadRequest);
        await PostScanAsync(server.Client, repository, "bad tag!", HttpStatusCode.BadRequest);
        using var unknown = await server.Client.GetAsync(new Uri("/api/v1/scans/nope", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<JsonElement> PostScanAsync(HttpClient client, string repository, string reference, HttpStatusCode expected)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/scans", new { repository, reference });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {body}");
        if (expected == HttpStatusCode.Accepted)
        {
            Assert.Equal($"/api/v1/scans/{JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()}", response.Headers.Location?.OriginalString);
        }
        else
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
