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

    [Fact]
    public async Task Get_BlobOfManySegments_ReturnsExactBytes()
    {
        // Larger than the 256 KiB segments the server reads the file in, and not a multiple of them.
        var repository = RegistryClient.NewRepository();
        var content = RegistryClient.RandomBytes((3 << 20) + 17);
        var digest = await Client.PushBlobAsync(repository, content);

        using var response = await Client.GetAsync($"/v2/{repository}/blobs/{digest}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content.Length, response.Content.Headers.ContentLength);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("bytes=200000-700000", 200_000, 700_001)]
    [InlineData("bytes=1000000-", 1_000_000, 1_048_593)]
    [InlineData("bytes=-300000", 748_593, 1_048_593)]
    public async Task Get_RangeOverSegmentBoundaries_Returns206WithThatSlice(string range, int start, int end)
    {
        var repository = RegistryClient.NewRepository();
        var content = RegistryClient.RandomBytes(1_048_593);
        var digest = await Client.PushBlobAsync(repository, content);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/blobs/{digest}");
        request.Headers.TryAddWithoutValidation("Range", range);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {start}-{end - 1}/{content.Length}", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(content[start..end], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_EmptyBlob_Returns200WithEmptyBody()
    {
        var repository = RegistryClient.NewRepository();
        var digest = await Client.PushBlobAsync(repository, []);

        using var response = await Client.GetAsync($"/v2/{repository}/blobs/{digest}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_RangeBeyondEnd_Returns416WithLength()
    {
        var repository = RegistryClient.NewRepository();
        var digest = await Client.PushBlobAsync(repository, RegistryClient.RandomBytes(1000));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/blobs/{digest}");
        request.Headers.Range = new RangeHeaderValue(5000, 6000);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal("bytes */1000", response.Content.Headers.ContentRange!.ToString());
    }

    [Fact]
    public async Task Get_MixedRequestsOnOneKeepAliveConnection_EachAnswerIsExact()
    {
        // One connection: a body written past the server's framing would corrupt the answers that follow it.
        var repository = RegistryClient.NewRepository();
        var content = RegistryClient.RandomBytes(600_001);
        var digest = await Client.PushBlobAsync(repository, content);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = fixture.Server.Address };
        var url = $"/v2/{repository}/blobs/{digest}";

        for (var round = 0; round < 3; round++)
        {
            Assert.Equal(content, await client.GetByteArrayAsync(url));
            using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
            Assert.Equal(content.Length, head.Content.Headers.ContentLength);
            using var ranged = new HttpRequestMessage(HttpMethod.Get, url);
            ranged.Headers.Range = new RangeHeaderValue(300_000, 300_009);
            using var partial = await client.SendAsync(ranged);
            Assert.Equal(content[300_000..300_010], await partial.Content.ReadAsByteArrayAsync());
            using var manifest = await client.GetAsync($"/v2/{repository}/manifests/latest");
            Assert.Equal(HttpStatusCode.NotFound, manifest.StatusCode);
        }
    }

    [Fact]
    public async Task Get_EightConcurrentReaders_EachGetsExactBytes()
    {
        var repository = RegistryClient.NewRepository();
        var content = RegistryClient.RandomBytes(2_000_003);
        var digest = await Client.PushBlobAsync(repository, content);

        var bodies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Client.GetByteArrayAsync($"/v2/{repository}/blobs/{digest}")));

        Assert.All(bodies, body => Assert.Equal(content, body));
    }
}
