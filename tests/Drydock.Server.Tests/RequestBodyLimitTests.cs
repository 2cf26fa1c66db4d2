using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Drydock.Server.Tests;

/// <summary>
/// Every request body is bounded (Http:MaxRequestBodyBytes, 64 KiB here) except blob uploads and manifest PUTs, which
/// keep their own rules. The bound is what keeps memory: a refused body is never buffered, so the answer is a 413
/// saying the limit before the server has read past it.
/// </summary>
public sealed class RequestBodyLimitTests : IAsyncLifetime
{
    private const int Limit = 64 * 1024;

    private RunningServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync(settings: new Dictionary<string, string?> { ["Http:MaxRequestBodyBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        (await _server.Client.PostAsJsonAsync("/api/v1/namespaces", new { name = "limits" })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("/api/v1/admission")]
    [InlineData("/api/v1/namespaces/limits/allowlist")]
    [InlineData("/api/v1/namespaces")]
    [InlineData("/api/v1/namespaces/limits/webhooks")]
    public async Task Post_JsonArrayOverTheLimit_413SayingTheLimit(string path)
    {
        // A JSON array of numbers, the shape that cost about 4.7 GiB of RSS per 200 MB request before the limit.
        using var content = new StringContent(LargeArray(4 * Limit), Encoding.UTF8, "application/json");

        using var response = await _server.Client.PostAsync(new Uri(path, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Contains(Limit.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_NamespaceSettingsOverTheLimit_413()
    {
        using var content = new StringContent($$"""{"owner": {{LargeArray(4 * Limit)}}}""", Encoding.UTF8, "application/json");

        using var response = await _server.Client.PatchAsync(new Uri("/api/v1/namespaces/limits", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_BodyUnderTheLimit_Processed()
    {
        var review = new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["request"] = new JsonObject { ["uid"] = "u1", ["pad"] = new string('x', Limit / 2) } };
        using var content = new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json");

        using var response = await _server.Client.PostAsync(new Uri("/api/v1/admission", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Push_BlobAndManifestLargerThanTheLimit_Accepted()
    {
        var repository = RegistryClient.NewRepository("limits");
        var config = Encoding.UTF8.GetBytes("{}");
        var layer = RegistryClient.RandomBytes(4 * Limit);
        await _server.Client.PushBlobAsync(repository, config);
        await _server.Client.PushBlobAsync(repository, layer);
        var manifest = JsonNode.Parse(RegistryClient.ImageManifest(config, [layer]))!.AsObject();
        manifest["annotations"] = new JsonObject { ["pad"] = new string('x', 2 * Limit) };
        var content = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        Assert.True(content.Length > Limit);

        using var response = await _server.Client.PutManifestAsync(repository, "big", RegistryClient.OciManifest, content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Start_DefaultSettings_LimitIsOneMebibyte()
    {
        await using var server = await RunningServer.StartAsync();
        using var under = new StringContent(LargeArray(900 * 1024), Encoding.UTF8, "application/json");
        using var over = new StringContent(LargeArray(1100 * 1024), Encoding.UTF8, "application/json");

        using var accepted = await server.Client.PostAsync(new Uri("/api/v1/admission", UriKind.Relative), under);
        using var refused = await server.Client.PostAsync(new Uri("/api/v1/admission", UriKind.Relative), over);

        Assert.Equal(HttpStatusCode.BadRequest, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains("1048576", (await ProblemAsync(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    internal static string LargeArray(int bytes)
    {
        var text = new StringBuilder(bytes + 16).Append('[');
        while (text.Length < bytes)
        {
            text.Append("1234567,");
        }

        return text.Append("0]").ToString();
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
