using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Drydock.Server.Tests.Api.V1;

public sealed class WebhookEndpointsTests : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync();
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

    [Fact]
    public async Task Get_UnknownNamespace_404()
    {
        using var response = await _server.Client.GetAsync(new Uri("/api/v1/namespaces/nobody/webhooks", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
