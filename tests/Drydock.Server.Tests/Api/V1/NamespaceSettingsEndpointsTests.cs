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
        (await _fixture.Client.PostAsJsonAsync("/api/v1/namespaces", new { name, settings = new { preventVulnerable = false } })).EnsureSuccessStatusCode();

        using var first = await PatchAsync(name, """{"autoScan": true, "preventVulnerable": true, "severityThreshold": "high"}""");
        using var second = await PatchAsync(name, """{"preventVulnerable": null}""");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var stored = await _fixture.Client.GetFromJsonAsync<JsonElement>($"/api/v1/namespaces/{name}");
        var settings = stored.GetProperty("settings");
        Assert.True(settings.GetProperty("autoScan").GetBoolean());
        Assert.Equal("high", settings.GetProperty("severityThreshold").GetString());
        Assert.False(settings.TryGetProperty("preventVulnerable", out _));
    }

    [Theory]
    [InlineData("""{"severityThreshold": "severe"}""")]
    [InlineData("""{"autoScan": "yes"}""")]
    [InlineData("""[1]""")]
    [InlineData("""{"preventVulnerable": 1}""")]
    [InlineData("""{"severityThreshold": ["high"]}""")]
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
    public async Task Patch_MisspelledKeys_BadRequestNamingTheKeyAndTheKnownOnesAndNothingStored()
    {
        var name = $"ns{Guid.NewGuid():N}";
        (await _fixture.Client.PostAsJsonAsync("/api/v1/namespaces", new { name })).EnsureSuccessStatusCode();

        using var response = await PatchAsync(name, """{"autoscan": true, "severityTreshold": "critical"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        Assert.Contains("'autoscan'", detail, StringComparison.Ordinal);
        Assert.Contains("did you mean 'autoScan'", detail, StringComparison.Ordinal);
        Assert.All(["autoScan", "preventVulnerable", "allowNotCovered", "severityThreshold", "storageQuotaBytes"], known => Assert.Contains(known, detail, StringComparison.Ordinal));
        var stored = await _fixture.Client.GetFromJsonAsync<JsonElement>($"/api/v1/namespaces/{name}");
        Assert.Empty(stored.GetProperty("settings").EnumerateObject());
    }

    [Theory]
    [InlineData("CRITICAL", "critical")]
    [InlineData("High", "high")]
    [InlineData("low", "low")]
    public async Task Patch_SeverityInAnyCase_StoredAsTheKnownSeverity(string given, string stored)
    {
        var name = $"ns{Guid.NewGuid():N}";
        (await _fixture.Client.PostAsJsonAsync("/api/v1/namespaces", new { name })).EnsureSuccessStatusCode();

        using var response = await PatchAsync(name, $$"""{"severityThreshold": "{{given}}"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var found = await _fixture.Client.GetFromJsonAsync<JsonElement>($"/api/v1/namespaces/{name}");
        Assert.Equal(stored, found.GetProperty("settings").GetProperty("severityThreshold").GetString());
    }

    [Fact]
    public async Task Patch_LargeArbitraryMembers_BadRequestAndTheListingStaysSmall()
    {
        var name = $"ns{Guid.NewGuid():N}";
        (await _fixture.Client.PostAsJsonAsync("/api/v1/namespaces", new { name })).EnsureSuccessStatusCode();

        // Under the 1 MiB body limit (Http:MaxRequestBodyBytes), so what refuses it is the settings rule itself.
        var payload = new string('x', 256 * 1024);

        using var response = await PatchAsync(name, JsonSerializer.Serialize(new Dictionary<string, string> { ["blob1"] = payload, ["blob2"] = payload }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var found = await _fixture.Client.GetStringAsync(new Uri($"/api/v1/namespaces/{name}", UriKind.Relative));
        Assert.DoesNotContain("blob1", found, StringComparison.Ordinal);
        Assert.True(found.Length < 1024, $"the namespace answer is {found.Length} characters");
    }

    [Fact]
    public async Task Post_UnknownSetting_BadRequestAndNoNamespace()
    {
        var name = $"ns{Guid.NewGuid():N}";

        using var response = await _fixture.Client.PostAsJsonAsync("/api/v1/namespaces", new { name, settings = new { owner = "team-a" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'owner'", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var found = await _fixture.Client.GetAsync(new Uri($"/api/v1/namespaces/{name}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, found.StatusCode);
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
