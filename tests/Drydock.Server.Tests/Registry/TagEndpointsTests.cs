using System.Net;
using System.Text.Json;

namespace Drydock.Server.Tests.Registry;

public sealed class TagEndpointsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Get_AllTags_ReturnsNameAndTagsInLexicalOrderWithoutLink()
    {
        var repository = RegistryClient.NewRepository();
        foreach (var tag in new[] { "b", "a", "c10", "c2" })
        {
            await Client.PushImageAsync(repository, tag);
        }

        using var response = await Client.GetAsync($"/v2/{repository}/tags/list");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(repository, body.RootElement.GetProperty("name").GetString());
        Assert.Equal(["a", "b", "c10", "c2"], body.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Null(response.HeaderOrNull("Link"));
    }

    [Fact]
    public async Task Get_WithN_PagesThroughLinkHeader()
    {
        var repository = RegistryClient.NewRepository();
        foreach (var tag in new[] { "t1", "t2", "t3", "t4", "t5" })
        {
            await Client.PushImageAsync(repository, tag);
        }

        using var first = await Client.GetAsync($"/v2/{repository}/tags/list?n=2");
        Assert.Equal(["t1", "t2"], await TagsAsync(first));
        Assert.Equal($"</v2/{repository}/tags/list?n=2&last=t2>; rel=\"next\"", first.Header("Link"));

        using var second = await Client.GetAsync(NextUrl(first));
        Assert.Equal(["t3", "t4"], await TagsAsync(second));

        using var third = await Client.GetAsync(NextUrl(second));
        Assert.Equal(["t5"], await TagsAsync(third));
        Assert.Null(third.HeaderOrNull("Link"));
    }

    [Fact]
    public async Task Get_WithLast_ReturnsTagsAfterIt()
    {
        var repository = RegistryClient.NewRepository();
        foreach (var tag in new[] { "a", "b", "c" })
        {
            await Client.PushImageAsync(repository, tag);
        }

        using var response = await Client.GetAsync($"/v2/{repository}/tags/list?last=a");

        Assert.Equal(["b", "c"], await TagsAsync(response));
    }

    [Fact]
    public async Task Get_UnknownRepository_ReturnsNameUnknown()
    {
        using var response = await Client.GetAsync($"/v2/{RegistryClient.NewRepository()}/tags/list");

        await RegistryClient.AssertOciErrorAsync(response, HttpStatusCode.NotFound, "NAME_UNKNOWN");
    }

    [Fact]
    public async Task Delete_OnTagList_ReturnsUnsupported()
    {
        using var response = await Client.DeleteAsync($"/v2/{RegistryClient.NewRepository()}/tags/list");

        await RegistryClient.AssertOciErrorAsync(response, HttpStatusCode.MethodNotAllowed, "UNSUPPORTED");
    }

    internal static string NextUrl(HttpResponseMessage response)
    {
        var link = response.Header("Link");
        return link[(link.IndexOf('<', StringComparison.Ordinal) + 1)..link.IndexOf('>', StringComparison.Ordinal)];
    }

    private static async Task<List<string?>> TagsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToList();
    }
}
