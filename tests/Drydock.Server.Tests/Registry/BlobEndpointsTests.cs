using System.Net;
using System.Net.Http.Headers;

namespace Drydock.Server.Tests.Registry;

public sealed class BlobEndpointsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Get_PushedBlob_ReturnsExactBytesWithDigestHeader()
    {
        var repository = RegistryClient.NewRepository();
        var content = RegistryClient.RandomBytes(70_000);
        var digest = await Client.PushBlobAsync(repository, content);

        using var response = await Client.GetAsync($"/v2/{repository}/blobs/{digest}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(digest, response.Header("Docker-Content-Digest"));
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_PushedBlob_Returns200WithLengthAndNoBody()
    {
        var repository = RegistryClient.NewRepository();
        var content = RegistryClient.RandomBytes(1234);
        var digest = await Client.PushBlobAsync(repository, content);

        using var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{repository}/blobs/{digest}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1234, response.Content.Headers.ContentLength);
        Assert.Equal(digest, response.Header("Docker-Content-Digest"));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_WithRange_Returns206WithThatSlice()
    {
        var repository = RegistryClient.NewRepository();
        var content = RegistryClient.RandomBytes(10_000);
        var digest = await Client.PushBlobAsync(repository, content);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/blobs/{digest}");
        request.Headers.Range = new RangeHeaderValue(100, 199);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("bytes 100-199/10000", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(content[100..200], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_UnknownBlob_ReturnsBlobUnknown()
    {
        var repository = RegistryClient.NewRepository();
        await Client.PushBlobAsync(repository, [1, 2, 3]);

        using var response = await Client.GetAsync($"/v2/{repository}/blobs/{RegistryClient.Sha256([9, 9, 9])}");

        await RegistryClient.AssertOciErrorAsync(response, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
    }

    [Fact]
    public async Task Head_UnknownBlob_Returns404WithoutBody()
    {
        var repository = RegistryClient.NewRepository();

        using var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{repository}/blobs/{RegistryClient.Sha256([7])}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_BlobOfAnotherRepository_ReturnsBlobUnknown()
    {
        var owner = RegistryClient.NewRepository();
        var other = RegistryClient.NewRepository();
        var digest = await Client.PushBlobAsync(owner, RegistryClient.RandomBytes(100));
        await Client.PushBlobAsync(other, RegistryClient.RandomBytes(100));

        using var response = await Client.GetAsync($"/v2/{other}/blobs/{digest}");

        await RegistryClient.AssertOciErrorAsync(response, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
    }

    [Fact]
    public async Task Get_MalformedDigest_ReturnsDigestInvalid()
    {
        using var response = await Client.GetAsync($"/v2/{RegistryClient.NewRepository()}/blobs/sha256:nothex");

        await RegistryClient.AssertOciErrorAsync(response, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task Get_InvalidRepositoryName_ReturnsNameInvalid()
    {
        using var response = await Client.GetAsync($"/v2/Team/App/blobs/{RegistryClient.Sha256([1])}");

        await RegistryClient.AssertOciErrorAsync(response, HttpStatusCode.BadRequest, "NAME_INVALID");
    }

    [Fact]
    public async Task Delete_PushedBlob_Returns202AndBlobIsGone()
    {
        var repository = RegistryClient.NewRepository();
        var digest = await Client.PushBlobAsync(repository, RegistryClient.RandomBytes(500));

        using var deleted = await Client.DeleteAsync($"/v2/{repository}/blobs/{digest}");
        using var after = await Client.GetAsync($"/v2/{repository}/blobs/{digest}");

        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        await RegistryClient.AssertOciErrorAsync(after, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
    }

    [Fact]
    public async Task Delete_UnknownBlob_ReturnsBlobUnknown()
    {
        using var response = await Client.DeleteAsync($"/v2/{RegistryClient.NewRepository()}/blobs/{RegistryClient.Sha256([4, 2])}");

        await RegistryClient.AssertOciErrorAsync(response, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
    }

    [Fact]
    public async Task Put_OnBlob_ReturnsUnsupported()
    {
        using var response = await Client.PutAsync($"/v2/{RegistryClient.NewRepository()}/blobs/{RegistryClient.Sha256([1])}", new ByteArrayContent([1]));

        await RegistryClient.AssertOciErrorAsync(response, HttpStatusCode.MethodNotAllowed, "UNSUPPORTED");
    }

    [Fact]
    public async Task Get_RepositoryWithThreeComponents_Works()
    {
        var repository = $"team/app-{Guid.NewGuid():N}/api";
        var content = RegistryClient.RandomBytes(64);
        var digest = await Client.PushBlobAsync(repository, content);

        using var response = await Client.GetAsync($"/v2/{repository}/blobs/{digest}");

        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
    }
}
