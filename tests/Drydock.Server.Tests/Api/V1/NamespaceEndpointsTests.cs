using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Drydock.Server.Tests.Api.V1;

public sealed class NamespaceEndpointsTests
{
    [Fact]
    public async Task Post_NewNamespace_Returns201WithLocationAndListsIt()
    {
        await using var server = await RunningServer.StartAsync();

        using var created = await server.Client.PostAsJsonAsync("/api/v1/namespaces", new { name = "payments", settings = new { autoScan = true } });
        using var list = await server.Client.GetAsync("/api/v1/namespaces");
        using var one = await server.Client.GetAsync("/api/v1/namespaces/payments");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/namespaces/payments", created.Headers.Location!.OriginalString);
        using var listBody = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        var entry = Assert.Single(listBody.RootElement.EnumerateArray().ToList());
        Assert.Equal("payments", entry.GetProperty("name").GetString());
        Assert.Equal(0, entry.GetProperty("repositoryCount").GetInt32());
        Assert.True(entry.GetProperty("settings").GetProperty("autoScan").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
    }

    [Fact]
    public async Task Get_NoNamespaceYet_ReturnsEmptyArray()
    {
        await using var server = await RunningServer.StartAsync();

        using var list = await server.Client.GetAsync("/api/v1/namespaces");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal("[]", await list.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_ExistingNamespace_Returns409ProblemDetails()
    {
        await using var server = await RunningServer.StartAsync();
        using var first = await server.Client.PostAsJsonAsync("/api/v1/namespaces", new { name = "team" });

        using var second = await server.Client.PostAsJsonAsync("/api/v1/namespaces", new { name = "team" });

        await AssertProblemAsync(second, HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("-lead")]
    public async Task Post_InvalidName_Returns400ProblemDetails(string name)
    {
        await using var server = await RunningServer.StartAsync();

        using var response = await server.Client.PostAsJsonAsync("/api/v1/namespaces", new { name });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Get_UnknownNamespace_Returns404ProblemDetails()
    {
        await using var server = await RunningServer.StartAsync();

        using var response = await server.Client.GetAsync("/api/v1/namespaces/nobody");

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Push_IntoNewNamespaceByDefault_CreatesItWithItsRepositoryCount()
    {
        await using var server = await RunningServer.StartAsync();
        await server.Client.PushImageAsync("team/app/api", "v1");
        await server.Client.PushImageAsync("team/web", "v1");

        using var response = await server.Client.GetAsync("/api/v1/namespaces/team");

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, body.RootElement.GetProperty("repositoryCount").GetInt32());
    }

    [Fact]
    public async Task Push_WithExplicitNamespaces_DeniedUntilNamespaceCreated()
    {
        await using var server = await RunningServer.StartAsync(explicitNamespaces: true);

        using var refused = await server.Client.PostAsync("/v2/payments/api/blobs/uploads/", null);
        var error = await RegistryClient.AssertOciErrorAsync(refused, HttpStatusCode.Forbidden, "DENIED");
        Assert.Contains("payments", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        using var created = await server.Client.PostAsJsonAsync("/api/v1/namespaces", new { name = "payments" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await server.Client.PushImageAsync("payments/api", "v1");
    }

    [Fact]
    public async Task Push_ExplicitNamespacesFromConfigFile_Denied()
    {
        using var config = new Drydock.Testing.TempDirectory();
        var file = config.Combine("drydock.json");
        await File.WriteAllTextAsync(file, """{"Registry": {"ExplicitNamespaces": true}}""");
        await using var server = await RunningServer.StartAsync(configFile: file);

        using var mount = await server.Client.PostAsync($"/v2/nowhere/app/blobs/uploads/?digest={RegistryClient.Sha256([1])}", new ByteArrayContent([1]));

        await RegistryClient.AssertOciErrorAsync(mount, HttpStatusCode.Forbidden, "DENIED");
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, body.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("detail").GetString()));
    }
}
