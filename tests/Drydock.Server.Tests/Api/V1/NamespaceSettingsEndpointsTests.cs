using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Drydock.Server.Tests.Api.V1;

public sealed class NamespaceSettingsEndpointsTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _fixture;

    public NamespaceSettingsEndpointsTests(ServerFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Patch_ScanSettings_MergedIntoSettingsAndNullRemoves()
    {
        var name = $"ns{Guid.NewGuid():N}";
        (await _fixture.Client.PostAsJsonAsync("/api/v1/namespaces", new { name, settings = new { owner = "team-a" } })).EnsureSuccessStatusCode();

        using var first = await PatchAsync(name, """{"autoScan": true, "preventVulnerable": true, "severityThreshold": "high"}""");
        using var second = await PatchAsync(name, """{"preventVulnerable": null}""");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var stored = await _fixture.Client.GetFromJsonAsync<JsonElement>($"/api/v1/namespaces/{name}");
        var settings = stored.GetProperty("settings");
        Assert.Equal("team-a", settings.GetProperty("owner").GetString());
        Assert.True(settings.GetProperty("autoScan").GetBoolean());
        Assert.Equal("high", settings.GetProperty("severityThreshold").GetString());
        Assert.False(settings.TryGetProperty("preventVulnerable", out _));
    }

    [Theory]
    [InlineData("""{"severityThreshold": "severe"}""")]
    [InlineData("""{"autoScan": "yes"}""")]
    [InlineData("""[1]""")]
    public async Task Patch_InvalidSettings_BadRequest(string body)
    {
        var name = $"ns{Guid.NewGuid():N}";
        (await _fixture.Client.PostAsJsonAsync("/api/v1/namespaces", new { name })).EnsureSuccessStatusCode();

        using var response = await PatchAsync(name, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var stored = await _fixture.Client.GetFromJsonAsync<JsonElement>($"/api/v1/namespaces/{name}");
        Assert.Empty(stored.GetProperty("settings").EnumerateObject());
    }

    [Fact]
    public async Task Patch_UnknownNamespace_NotFound()
    {
        using var response = await PatchAsync($"missing{Guid.NewGuid():N}", """{"autoScan": true}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private Task<HttpResponseMessage> PatchAsync(string name, string json) =>
        _fixture.Client.PatchAsync(new Uri($"/api/v1/namespaces/{name}", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
}
