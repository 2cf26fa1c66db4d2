using System.Net;

namespace Drydock.Server.Tests.Registry;

public sealed class BaseEndpointsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Get_V2_Returns200WithApiVersionHeader()
    {
        using var response = await fixture.Client.GetAsync("/v2/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("registry/2.0", response.Header("Docker-Distribution-API-Version"));
    }

    [Fact]
    public async Task Get_V2WithoutSlash_Returns200()
    {
        using var response = await fixture.Client.GetAsync("/v2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_V2_ReturnsUnsupported()
    {
        using var response = await fixture.Client.PostAsync("/v2/", null);

        await RegistryClient.AssertOciErrorAsync(response, HttpStatusCode.MethodNotAllowed, "UNSUPPORTED");
    }

    [Fact]
    public async Task Get_UnknownV2Path_Returns404()
    {
        using var response = await fixture.Client.GetAsync("/v2/team/app/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
