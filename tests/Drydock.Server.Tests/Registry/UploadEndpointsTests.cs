using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Drydock.Server.Tests.Registry;

public sealed class UploadEndpointsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Post_Start_Returns202WithRelativeLocationUuidAndEmptyRange()
    {
        var repository = RegistryClient.NewRepository();

        using var response = await Client.PostAsync($"/v2/{repository}/blobs/uploads/", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Header("Location");
        Assert.Matches($"^/v2/{Regex.Escape(repository)}/blobs/uploads/[A-Za-z0-9-]+$", location);
        Assert.Equal(location.Split('/')[^1], response.Header("Docker-Upload-UUID"));
        Assert.Equal("0-0", response.Header("Range"));
    }

    [Fact]
    public async Task ChunkedUpload_InOrderChunksThenPut_BlobIsByteIdentical()
    {
        var repository = RegistryClient.NewRepository();
        var content = RegistryClient.RandomBytes(300_000);
        var location = await StartAsync(repository);

        using var first = await PatchAsync(location, content[..100_000], "0-99999");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal("0-99999", first.Header("Range"));
        using var second = await PatchAsync(first.Header("Location"), content[100_000..250_000], "100000-249999");
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal("0-249999", second.Header("Range"));

        var digest = RegistryClient.Sha256(content);
        using var last = new ByteArrayContent(content[250_000..]);
        last.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        last.Headers.ContentRange = null;
        using var put = await Client.PutAsync($"{second.Header("Location")}?digest={digest}", last);

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal($"/v2/{repository}/blobs/{digest}", put.Header("Location"));
        Assert.Equal(digest, put.Header("Docker-Content-Digest"));
        using var get = await Client.GetAsync($"/v2/{repository}/blobs/{digest}");
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Patch_OutOfOrderChunk_Returns416RangeInvalid()
    {
        var repository = RegistryClient.NewRepository();
        var location = await StartAsync(repository);
        using var first = await PatchAsync(location, new byte[10], "0-9");

        using var skipped = await PatchAsync(first.Header("Location"), new byte[10], "20-29");

        await RegistryClient.AssertOciErrorAsync(skipped, HttpStatusCode.RequestedRangeNotSatisfiable, "RANGE_INVALID");
    }

    [Fact]
    public async Task Patch_StreamedWithoutContentRange_AppendsWholeBody()
    {
        var repository = RegistryClient.NewRepository();
        var content = RegistryClient.RandomBytes(2_000_000);
        var location = await StartAsync(repository);

        using var body = new StreamContent(new MemoryStream(content));
        using var patch = await Client.PatchAsync(location, body);
        using var put = await Client.PutAsync($"{patch.Header("Location")}?digest={RegistryClient.Sha256(content)}", null);

        Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
        Assert.Equal($"0-{content.Length - 1}", patch.Header("Range"));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
    }

    [Fact]
    public async Task Put_WholeBlobWithChunkedEncoding_Returns201()
    {
        // A PUT carrying the whole blob as a body of unknown length (Transfer-Encoding: chunked).
        var repository = RegistryClient.NewRepository();
        var content = RegistryClient.RandomBytes(50_000);
        var location = await StartAsync(repository);
        using var body = new StreamContent(new NonSeekableStream(content));

        using var put = await Client.PutAsync($"{location}?digest={RegistryClient.Sha256(content)}", body);
        using var get = await Client.GetAsync($"/v2/{repository}/blobs/{RegistryClient.Sha256(content)}");

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_UploadStatus_Returns204WithRangeAndLocation()
    {
        var repository = RegistryClient.NewRepository();
        var location = await StartAsync(repository);
        using var patch = await PatchAsync(location, new byte[42], "0-41");

        using var status = await Client.GetAsync(location);

        Assert.Equal(HttpStatusCode.NoContent, status.StatusCode);
        Assert.Equal("0-41", status.Header("Range"));
        Assert.Equal(location, status.Header("Location"));
        Assert.Equal(location.Split('/')[^1], status.Header("Docker-Upload-UUID"));
    }

    [Fact]
    public async Task Put_DigestMismatch_ReturnsDigestInvalidAndNothingIsVisible()
    {
        var repository = RegistryClient.NewRepository();
        var content = RegistryClient.RandomBytes(5000);
        var claimed = RegistryClient.Sha256(RegistryClient.RandomBytes(10));
        var location = await StartAsync(repository);
        using var patch = await PatchAsync(location, content, "0-4999");

        using var put = await Client.PutAsync($"{location}?digest={claimed}", null);

        await RegistryClient.AssertOciErrorAsync(put, HttpStatusCode.BadRequest, "DIGEST_INVALID");
        foreach (var digest in new[] { claimed, RegistryClient.Sha256(content) })
        {
            using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{repository}/blobs/{digest}"));
            Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
            var hex = digest.Split(':')[1];
            Assert.False(File.Exists(Path.Combine(fixture.Server.Data.Path, "blobs", "sha256", hex[..2], hex)));
        }

        Assert.False(File.Exists(Path.Combine(fixture.Server.Data.Path, "uploads", location.Split('/')[^1])));
    }

    [Fact]
    public async Task Put_WithoutDigest_ReturnsDigestInvalid()
    {
        var location = await StartAsync(RegistryClient.NewRepository());

        using var put = await Client.PutAsync(location, null);

        await RegistryClient.AssertOciErrorAsync(put, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task Delete_Upload_Returns204AndUploadIsUnknownAfter()
    {
        var location = await StartAsync(RegistryClient.NewRepository());

        using var deleted = await Client.DeleteAsync(location);
        using var status = await Client.GetAsync(location);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await RegistryClient.AssertOciErrorAsync(status, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
    }

    [Fact]
    public async Task Delete_UnknownUpload_ReturnsBlobUploadUnknown()
    {
        using var deleted = await Client.DeleteAsync($"/v2/{RegistryClient.NewRepository()}/blobs/uploads/{Guid.NewGuid()}");

        await RegistryClient.AssertOciErrorAsync(deleted, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
    }

    [Fact]
    public async Task Patch_SessionOfAnotherRepository_ReturnsBlobUploadUnknown()
    {
        var location = await StartAsync(RegistryClient.NewRepository());
        var id = location.Split('/')[^1];

        using var patch = await PatchAsync($"/v2/{RegistryClient.NewRepository()}/blobs/uploads/{id}", new byte[3], "0-2");

        await RegistryClient.AssertOciErrorAsync(patch, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
    }

    [Fact]
    public async Task Post_MonolithicWithDigest_Returns201WithLocationAndDigest()
    {
        var repository = RegistryClient.NewRepository();
        var content = RegistryClient.RandomBytes(4096);
        var digest = RegistryClient.Sha256(content);

        using var response = await Client.PostAsync($"/v2/{repository}/blobs/uploads/?digest={digest}", new ByteArrayContent(content));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/v2/{repository}/blobs/{digest}", response.Header("Location"));
        Assert.Equal(digest, response.Header("Docker-Content-Digest"));
    }

    [Fact]
    public async Task Post_MonolithicWithWrongDigest_ReturnsDigestInvalid()
    {
        var repository = RegistryClient.NewRepository();

        using var response = await Client.PostAsync($"/v2/{repository}/blobs/uploads/?digest={RegistryClient.Sha256([1])}", new ByteArrayContent([2]));

        await RegistryClient.AssertOciErrorAsync(response, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task Post_MonolithicSha512_BlobIsServedUnderSha512Digest()
    {
        var repository = RegistryClient.NewRepository();
        var content = RegistryClient.RandomBytes(9000);
        var digest = RegistryClient.Sha512(content);

        await Client.PushBlobAsync(repository, content, digest);
        using var get = await Client.GetAsync($"/v2/{repository}/blobs/{digest}");

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(digest, get.Header("Docker-Content-Digest"));
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Put_ChunkedSha512_Returns201()
    {
        var repository = RegistryClient.NewRepository();
        var content = RegistryClient.RandomBytes(20_000);
        var location = await StartAsync(repository);
        using var patch = await PatchAsync(location, content, "0-19999");

        using var put = await Client.PutAsync($"{patch.Header("Location")}?digest={RegistryClient.Sha512(content)}", null);

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(RegistryClient.Sha512(content), put.Header("Docker-Content-Digest"));
    }

    [Fact]
    public async Task Post_MountFromRepositoryWithBlob_Returns201AndBlobIsInTarget()
    {
        var source = RegistryClient.NewRepository();
        var target = RegistryClient.NewRepository("other");
        var digest = await Client.PushBlobAsync(source, RegistryClient.RandomBytes(777));

        using var mount = await Client.PostAsync($"/v2/{target}/blobs/uploads/?mount={digest}&from={source}", null);
        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{target}/blobs/{digest}"));

        Assert.Equal(HttpStatusCode.Created, mount.StatusCode);
        Assert.Equal($"/v2/{target}/blobs/{digest}", mount.Header("Location"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Fact]
    public async Task Post_MountFromRepositoryWithoutBlob_FallsBackTo202Session()
    {
        var source = RegistryClient.NewRepository();
        var target = RegistryClient.NewRepository();
        await Client.PushBlobAsync(source, [1]);

        using var mount = await Client.PostAsync($"/v2/{target}/blobs/uploads/?mount={RegistryClient.Sha256([5, 5])}&from={source}", null);

        Assert.Equal(HttpStatusCode.Accepted, mount.StatusCode);
        Assert.Matches($"^/v2/{Regex.Escape(target)}/blobs/uploads/[A-Za-z0-9-]+$", mount.Header("Location"));
    }

    [Fact]
    public async Task Get_StartPathWithGet_ReturnsUnsupported()
    {
        using var response = await Client.GetAsync($"/v2/{RegistryClient.NewRepository()}/blobs/uploads/");

        await RegistryClient.AssertOciErrorAsync(response, HttpStatusCode.MethodNotAllowed, "UNSUPPORTED");
    }

    [Fact]
    public async Task Patch_LargeStreamedUpload_LandsOnDiskIntact()
    {
        var repository = RegistryClient.NewRepository();
        var location = await StartAsync(repository);
        var size = 128L * 1024 * 1024;
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var stream = new PatternStream(size, hash);

        using var body = new StreamContent(stream, 1 << 20);
        using var patch = await Client.PatchAsync(location, body);
        var digest = "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
        using var put = await Client.PutAsync($"{patch.Header("Location")}?digest={digest}", null);

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        var hex = digest.Split(':')[1];
        Assert.Equal(size, new FileInfo(Path.Combine(fixture.Server.Data.Path, "blobs", "sha256", hex[..2], hex)).Length);
    }

    [Fact]
    public async Task Patch_ClientPausingLongerThanKestrelsGracePeriod_IsNotCutOff()
    {
        // A client recompressing layers on a saturated host sends in bursts; Kestrel's default minimum body rate
        // (240 B/s once 5 s have passed) answered such pushes 408. The pause is bounded; nothing here is timed.
        var repository = RegistryClient.NewRepository();
        var location = await StartAsync(repository);
        var content = RegistryClient.RandomBytes(200);
        using var body = new PausingContent(content, TimeSpan.FromSeconds(8));

        using var response = await Client.PatchAsync(location, body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("0-199", response.Header("Range"));
    }

    private async Task<string> StartAsync(string repository)
    {
        using var response = await Client.PostAsync($"/v2/{repository}/blobs/uploads/", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return response.Header("Location");
    }

    private async Task<HttpResponseMessage> PatchAsync(string location, byte[] chunk, string contentRange)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new ByteArrayContent(chunk) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        // The spec's Content-Range for chunks is "<start>-<end>", without the "bytes" unit HttpClient would add.
        request.Content.Headers.TryAddWithoutValidation("Content-Range", contentRange);
        return await Client.SendAsync(request);
    }

    /// <summary>Hides the length of its bytes, so HttpClient sends them chunked.</summary>
    private sealed class NonSeekableStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }

    /// <summary>A long, non-seekable stream of generated bytes, hashed as it is read (the test never holds it whole).</summary>
    private sealed class PatternStream(long length, System.Security.Cryptography.IncrementalHash hash) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++)
            {
                buffer[offset + i] = (byte)((_position + i) * 31 % 251);
            }

            hash.AppendData(buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A chunked body that sends half, pauses, then sends the rest.</summary>
    private sealed class PausingContent(byte[] content, TimeSpan pause) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = content.Length / 2;
            await stream.WriteAsync(content.AsMemory(0, half));
            await stream.FlushAsync();
            await Task.Delay(pause);
            await stream.WriteAsync(content.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
