using System.Net;
using System.Text.Json;

namespace Drydock.Server.Tests.Registry;

public sealed class CatalogEndpointsTests
{
    [Fact]
    public async Task Get_Catalog_ListsRepositoriesWithManifestsInLexicalOrder()
    {
        await using var server = await RunningServer.StartAsync();
        foreach (var repository in new[] { "zeta/app", "alpha/app/api", "alpha/app" })
        {
            await server.Client.PushImageAsync(repository, "v1");
        }

        // A repository with only a blob has no image yet.
        await server.Client.PushBlobAsync("beta/only-blobs", [1, 2, 3]);

        using var response = await server.Client.GetAsync("/v2/_catalog");

        Assert.Equal(["alpha/app", "alpha/app/api", "zeta/app"], await RepositoriesAsync(response));
        Assert.Null(response.HeaderOrNull("Link"));
    }

    [Fact]
    public async Task Get_CatalogWithN_PagesThroughLinkHeader()
    {
        await using var server = await RunningServer.StartAsync();
        foreach (var repository in new[] { "a/one", "b/two", "c/three" })
        {
            await server.Client.PushImageAsync(repository, "v1");
        }

        using var first = await server.Client.GetAsync("/v2/_catalog?n=2");
        Assert.Equal(["a/one", "b/two"], await RepositoriesAsync(first));
        Assert.Equal($"</v2/_catalog?n=2&last={Uri.EscapeDataString("b/two")}>; rel=\"next\"", first.Header("Link"));

        using var second = await server.Client.GetAsync(TagEndpointsTests.NextUrl(first));
        Assert.Equal(["c/three"], await RepositoriesAsync(second));
        Assert.Null(second.HeaderOrNull("Link"));
    }

    private static async Task<List<string?>> RepositoriesAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("repositories").EnumerateArray().Select(t => t.GetString()).ToList();
    }
}
