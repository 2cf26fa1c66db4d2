using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Drydock.Server.Tests.Api.V1;

/// <summary>The allowlist API over real HTTP, on a server whose clock the tests move.</summary>
public sealed class AllowlistEndpointsTests : IAsyncLifetime
{
    private readonly AdjustableTimeProvider _clock = new();
    private RunningServer _server = null!;

    private HttpClient Client => _server.Client;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(timeProvider: _clock);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Post_NewEntry_CreatedListedAndNormalised()
    {
        var name = await NamespaceAsync();
        var expiresAt = _clock.GetUtcNow().AddDays(30);

        using var created = await PostAsync(name, new { vulnerabilityId = "cve-2023-32681", reason = "no proxy credentials in URLs", expiresAt, addedBy = "alice" });
        using var ghsa = await PostAsync(name, new { vulnerabilityId = "GHSA-J8R2-6X86-Q33Q", reason = "same issue, GitHub's id" });
        var list = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/namespaces/{name}/allowlist");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/namespaces/{name}/allowlist/CVE-2023-32681", created.Headers.Location?.OriginalString);
        var entries = list.EnumerateArray().ToList();
        Assert.Equal(["CVE-2023-32681", "GHSA-j8r2-6x86-q33q"], entries.Select(e => e.GetProperty("vulnerabilityId").GetString()));
        Assert.Equal("alice", entries[0].GetProperty("addedBy").GetString());
        Assert.Equal(expiresAt.ToUnixTimeMilliseconds(), entries[0].GetProperty("expiresAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.True(entries[0].GetProperty("active").GetBoolean());
        Assert.Equal("anonymous", entries[1].GetProperty("addedBy").GetString());
        Assert.Equal(JsonValueKind.Null, entries[1].GetProperty("expiresAt").ValueKind);
    }

    [Fact]
    public async Task Put_ExistingEntry_ReplacedWithOk()
    {
        var name = await NamespaceAsync();
        using var first = await PutAsync(name, "GO-2022-0969", new { reason = "first" });
        using var second = await PutAsync(name, "go-2022-0969", new { vulnerabilityId = "GO-2022-0969", reason = "second", addedBy = "bob" });
        var entry = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/namespaces/{name}/allowlist/GO-2022-0969");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("second", entry.GetProperty("reason").GetString());
        Assert.Equal("bob", entry.GetProperty("addedBy").GetString());
        Assert.Single((await Client.GetFromJsonAsync<JsonElement>($"/api/v1/namespaces/{name}/allowlist")).EnumerateArray());
    }

    [Fact]
    public async Task Delete_Entry_NoContentThenNotFound()
    {
        var name = await NamespaceAsync();
        using var created = await PostAsync(name, new { vulnerabilityId = "PYSEC-2023-74", reason = "accepted" });

        using var deleted = await Client.DeleteAsync(new Uri($"/api/v1/namespaces/{name}/allowlist/PYSEC-2023-74", UriKind.Relative));
        using var again = await Client.DeleteAsync(new Uri($"/api/v1/namespaces/{name}/allowlist/PYSEC-2023-74", UriKind.Relative));
        using var get = await Client.GetAsync(new Uri($"/api/v1/namespaces/{name}/allowlist/PYSEC-2023-74", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await AssertProblemAsync(again, HttpStatusCode.NotFound, "Allowlist entry not found");
        await AssertProblemAsync(get, HttpStatusCode.NotFound, "Allowlist entry not found");
    }

    [Fact]
    public async Task Get_AfterExpiry_ListedAsInactive()
    {
        var name = await NamespaceAsync();
        using var created = await PostAsync(name, new { vulnerabilityId = "CVE-2019-14697", reason = "short-lived", expiresAt = _clock.GetUtcNow().AddMinutes(10) });

        var before = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/namespaces/{name}/allowlist/CVE-2019-14697");
        _clock.Advance(TimeSpan.FromMinutes(11));
        var after = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/namespaces/{name}/allowlist/CVE-2019-14697");

        Assert.True(before.GetProperty("active").GetBoolean());
        Assert.False(after.GetProperty("active").GetBoolean());
    }

    [Theory]
    [InlineData("""{"vulnerabilityId": "CVE-23-1", "reason": "r"}""", "not a CVE id")]
    [InlineData("""{"vulnerabilityId": "GHSA-1234-5678-abcd", "reason": "r"}""", "GitHub advisory id")]
    [InlineData("""{"vulnerabilityId": "log4shell", "reason": "r"}""", "not a vulnerability id")]
    [InlineData("""{"vulnerabilityId": "CVE-2021-44228"}""", "reason is required")]
    [InlineData("""{"vulnerabilityId": "CVE-2021-44228", "reason": "  "}""", "reason is required")]
    [InlineData("""{"vulnerabilityId": "CVE-2021-44228", "reason": "r", "expiresAt": "2001-01-01T00:00:00Z"}""", "not in the future")]
    [InlineData("""{"vulnerabilityId": "CVE-2021-44228", "reason": "r", "expiresAt": "next week"}""", "ISO 8601")]
    [InlineData("""{"vulnerabilityId": "CVE-2021-44228", "reason": "r", "expiresAt": 5}""", "ISO 8601")]
    [InlineData("""["CVE-2021-44228"]""", "JSON object")]
    [InlineData("""{"vulnerabilityId": """, "not JSON")]
    public async Task Post_InvalidEntry_BadRequestProblemAndNothingStored(string body, string detail)
    {
        var name = await NamespaceAsync();

        using var response = await Client.PostAsync(new Uri($"/api/v1/namespaces/{name}/allowlist", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "Invalid allowlist entry");
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await Client.GetFromJsonAsync<JsonElement>($"/api/v1/namespaces/{name}/allowlist")).EnumerateArray());
    }

    [Fact]
    public async Task Put_BodyIdDiffersFromPath_BadRequest()
    {
        var name = await NamespaceAsync();

        using var response = await PutAsync(name, "CVE-2021-44228", new { vulnerabilityId = "CVE-2021-45046", reason = "r" });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "Invalid allowlist entry");
        Assert.Contains("differs", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownNamespace_NotFoundProblem()
    {
        using var list = await Client.GetAsync(new Uri($"/api/v1/namespaces/missing{Guid.NewGuid():N}/allowlist", UriKind.Relative));
        using var post = await PostAsync($"missing{Guid.NewGuid():N}", new { vulnerabilityId = "CVE-2021-44228", reason = "r" });

        await AssertProblemAsync(list, HttpStatusCode.NotFound, "Namespace not found");
        await AssertProblemAsync(post, HttpStatusCode.NotFound, "Namespace not found");
    }

    private async Task<string> NamespaceAsync()
    {
        var name = $"ns{Guid.NewGuid():N}";
        (await Client.PostAsJsonAsync("/api/v1/namespaces", new { name })).EnsureSuccessStatusCode();
        return name;
    }

    private Task<HttpResponseMessage> PostAsync(string name, object body) => Client.PostAsJsonAsync($"/api/v1/namespaces/{name}/allowlist", body);

    private Task<HttpResponseMessage> PutAsync(string name, string id, object body) => Client.PutAsJsonAsync($"/api/v1/namespaces/{name}/allowlist/{id}", body);

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string title)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
