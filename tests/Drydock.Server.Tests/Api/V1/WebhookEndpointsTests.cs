using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Drydock.Server.Tests.Api.V1;

public sealed class WebhookEndpointsTests : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync()
    {
        // Receivers on loopback are allowed here, as a site with internal receivers would allow them.
        _server = await RunningServer.StartAsync(settings: new Dictionary<string, string?> { ["Webhooks:AllowedPrivateNetworks:0"] = "127.0.0.0/8" });
        (await _server.Client.PostAsJsonAsync("/api/v1/namespaces", new { name = "team" })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Post_NoSecretGiven_GeneratedSecretReturnedOnceAndNeverListed()
    {
        using var created = await _server.Client.PostAsJsonAsync("/api/v1/namespaces/team/webhooks", new { url = "http://127.0.0.1:9/hook" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetString();
        Assert.Equal($"/api/v1/namespaces/team/webhooks/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal(64, body.GetProperty("secret").GetString()!.Length);
        Assert.Equal(["scan.completed", "scan.failed", "vulnerabilities.new"], body.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        var listed = await _server.Client.GetStringAsync("/api/v1/namespaces/team/webhooks");
        var entry = Assert.Single(JsonDocument.Parse(listed).RootElement.EnumerateArray().ToList());
        Assert.Equal(id, entry.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("secret").ValueKind);
        Assert.DoesNotContain(body.GetProperty("secret").GetString()!, listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_Existing_GoneWithItsDeliveryLog()
    {
        using var created = await _server.Client.PostAsJsonAsync(
            "/api/v1/namespaces/team/webhooks", new { url = "https://hooks.example/x", events = new[] { "scan.failed" }, secret = "a-secret-of-enough-length" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        using var deleted = await _server.Client.DeleteAsync(new Uri($"/api/v1/namespaces/team/webhooks/{id}", UriKind.Relative));
        using var again = await _server.Client.DeleteAsync(new Uri($"/api/v1/namespaces/team/webhooks/{id}", UriKind.Relative));
        using var log = await _server.Client.GetAsync(new Uri($"/api/v1/namespaces/team/webhooks/{id}/deliveries", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, log.StatusCode);
        Assert.Equal("application/problem+json", log.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("""{"url": "ftp://example.com/hook"}""")]
    [InlineData("""{"url": "/relative"}""")]
    [InlineData("""{"url": "http://127.0.0.1/hook", "events": ["scan.started"]}""")]
    [InlineData("""{"url": "http://127.0.0.1/hook", "secret": "short"}""")]
    public async Task Post_InvalidRequest_400ProblemDetails(string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await _server.Client.PostAsync(new Uri("/api/v1/namespaces/team/webhooks", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254")]
    [InlineData("http://10.0.0.1/hook", "10.0.0.1")]
    [InlineData("http://[::1]/hook", "::1")]
    [InlineData("http://user:secret@hooks.example/hook", "user info")]
    public async Task Post_InwardOrCredentialUrlNotAllowed_400SayingWhy(string url, string mentioned)
    {
        using var response = await _server.Client.PostAsJsonAsync("/api/v1/namespaces/team/webhooks", new { url });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(mentioned, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var listed = await _server.Client.GetStringAsync("/api/v1/namespaces/team/webhooks");
        Assert.DoesNotContain(mentioned, listed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/api/v1/db/update")]
    [InlineData("http://2130706433/api/v1/db/update")]
    [InlineData("http://0x7f.1/")]
    public async Task Post_LoopbackUrlWithoutTheAllowSetting_400(string url)
    {
        await using var server = await RunningServer.StartAsync();
        (await server.Client.PostAsJsonAsync("/api/v1/namespaces", new { name = "team" })).EnsureSuccessStatusCode();

        using var response = await server.Client.PostAsJsonAsync("/api/v1/namespaces/team/webhooks", new { url });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Webhooks:AllowedPrivateNetworks", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownNamespace_404()
    {
        using var response = await _server.Client.GetAsync(new Uri("/api/v1/namespaces/nobody/webhooks", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
