using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Drydock.Server.Tests.Api.V1;

public sealed class ArtifactEndpointsTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _fixture;

    public ArtifactEndpointsTests(ServerFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task ListArtifacts_TagsAndUntaggedDigest_EachNotScanned()
    {
        var repository = RegistryClient.NewRepository();
        var tagged = RegistryClient.Sha256(await _fixture.Client.PushImageAsync(repository, "v1"));
        var untagged = RegistryClient.Sha256(await _fixture.Client.PushImageAsync(repository, "v2"));
        using (var deleted = await _fixture.Client.DeleteAsync(new Uri($"/v2/{repository}/manifests/v2", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        }

        var artifacts = (await _fixture.Client.GetFromJsonAsync<JsonElement>($"/api/v1/artifacts?repository={repository}")).EnumerateArray().ToList();

        Assert.Equal(2, artifacts.Count);
        Assert.All(artifacts, a => Assert.Equal("NotScanned", a.GetProperty("status").GetString()));
        Assert.Equal(["v1"], artifacts.Single(a => a.GetProperty("digest").GetString() == tagged).GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Empty(artifacts.Single(a => a.GetProperty("digest").GetString() == untagged).GetProperty("tags").EnumerateArray());
    }

    [Fact]
    public async Task ListArtifacts_UnknownRepository_NotFound()
    {
        using var response = await _fixture.Client.GetAsync(new Uri($"/api/v1/artifacts?repository={RegistryClient.NewRepository()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ListRepositories_Namespace_OnlyItsRepositories()
    {
        var ns = $"ns{Guid.NewGuid():N}";
        await _fixture.Client.PushImageAsync($"{ns}/b", "v1");
        await _fixture.Client.PushImageAsync($"{ns}/a/deep", "v1");
        await _fixture.Client.PushImageAsync($"{ns}x/other", "v1");

        var repositories = await _fixture.Client.GetFromJsonAsync<List<string>>($"/api/v1/repositories?namespace={ns}");

        Assert.Equal([$"{ns}/a/deep", $"{ns}/b"], repositories);
    }
}
