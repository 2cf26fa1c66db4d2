using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Drydock.Server.Tests.Registry;

public sealed class ManifestEndpointsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Put_OciManifestByTag_Returns201WithLocationAndDigestOfExactBytes()
    {
        var repository = RegistryClient.NewRepository();
        var config = Encoding.UTF8.GetBytes("{}");
        var layer = RegistryClient.RandomBytes(100);
        await Client.PushBlobAsync(repository, config);
        await Client.PushBlobAsync(repository, layer);
        var manifest = RegistryClient.ImageManifest(config, [layer]);

        using var response = await Client.PutManifestAsync(repository, "1.0", RegistryClient.OciManifest, manifest);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var digest = RegistryClient.Sha256(manifest);
        Assert.Equal(digest, response.Header("Docker-Content-Digest"));
        Assert.Equal($"/v2/{repository}/manifests/{digest}", response.Header("Location"));
    }

    [Fact]
    public async Task Get_ByTagAndByDigest_ReturnsExactBytesAndStoredMediaType()
    {
        var repository = RegistryClient.NewRepository();
        var manifest = await Client.PushImageAsync(repository, "latest");
        var digest = RegistryClient.Sha256(manifest);

        foreach (var reference in new[] { "latest", digest })
        {
            using var response = await Client.GetManifestAsync(repository, reference, RegistryClient.OciManifest);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(RegistryClient.OciManifest, response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(digest, response.Header("Docker-Content-Digest"));
            Assert.Equal(manifest, await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Head_Manifest_Returns200WithDigestLengthAndNoBody()
    {
        var repository = RegistryClient.NewRepository();
        var manifest = await Client.PushImageAsync(repository, "v1");
        using var request = new HttpRequestMessage(HttpMethod.Head, $"/v2/{repository}/manifests/v1");
        request.Headers.Accept.ParseAdd(RegistryClient.OciManifest);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RegistryClient.Sha256(manifest), response.Header("Docker-Content-Digest"));
        Assert.Equal(manifest.Length, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_OciManifestWhenAcceptExcludesIt_ReturnsManifestUnknown()
    {
        var repository = RegistryClient.NewRepository();
        await Client.PushImageAsync(repository, "v1");

        using var response = await Client.GetManifestAsync(repository, "v1", RegistryClient.DockerManifest);

        // distribution: 404 MANIFEST_UNKNOWN "OCI manifest found, but accept header does not support OCI manifests".
        var error = await RegistryClient.AssertOciErrorAsync(response, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        Assert.Equal("OCI manifest found, but accept header does not support OCI manifests", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Get_DockerSchema2Manifest_ServedWithItsMediaType()
    {
        var repository = RegistryClient.NewRepository();
        var manifest = await Client.PushImageAsync(repository, "docker", RegistryClient.DockerManifest);

        using var response = await Client.GetManifestAsync(repository, "docker", RegistryClient.DockerManifest);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RegistryClient.DockerManifest, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(manifest, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(RegistryClient.OciIndex, RegistryClient.OciManifest)]
    [InlineData(RegistryClient.DockerManifestList, RegistryClient.DockerManifest)]
    public async Task Put_IndexWithTwoPlatforms_Returns201AndServesIt(string indexType, string manifestType)
    {
        var repository = RegistryClient.NewRepository();
        var amd64 = await Client.PushImageAsync(repository, "amd64", manifestType);
        var arm64 = await Client.PushImageAsync(repository, "arm64", manifestType);
        var index = Index(indexType, (manifestType, amd64, "amd64"), (manifestType, arm64, "arm64"));

        using var put = await Client.PutManifestAsync(repository, "multi", indexType, index);
        using var get = await Client.GetManifestAsync(repository, "multi", indexType);

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(indexType, get.Content.Headers.ContentType!.MediaType);
        Assert.Equal(index, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Put_IndexNamingAbsentManifest_ReturnsManifestBlobUnknown()
    {
        var repository = RegistryClient.NewRepository();
        var absent = Encoding.UTF8.GetBytes("{\"schemaVersion\":2}");
        var index = Index(RegistryClient.OciIndex, (RegistryClient.OciManifest, absent, "amd64"));

        using var put = await Client.PutManifestAsync(repository, "multi", RegistryClient.OciIndex, index);

        var error = await RegistryClient.AssertOciErrorAsync(put, HttpStatusCode.BadRequest, "MANIFEST_BLOB_UNKNOWN");
        Assert.Equal(RegistryClient.Sha256(absent), error.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Put_ManifestNamingAbsentLayer_ReturnsManifestBlobUnknownAndTagDoesNotExist()
    {
        var repository = RegistryClient.NewRepository();
        var config = Encoding.UTF8.GetBytes("{}");
        var absentLayer = RegistryClient.RandomBytes(50);
        await Client.PushBlobAsync(repository, config);
        var manifest = RegistryClient.ImageManifest(config, [absentLayer]);

        using var put = await Client.PutManifestAsync(repository, "broken", RegistryClient.OciManifest, manifest);
        using var get = await Client.GetManifestAsync(repository, "broken");

        var error = await RegistryClient.AssertOciErrorAsync(put, HttpStatusCode.BadRequest, "MANIFEST_BLOB_UNKNOWN");
        Assert.Equal(RegistryClient.Sha256(absentLayer), error.GetProperty("detail").GetString());
        await RegistryClient.AssertOciErrorAsync(get, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
    }

    [Fact]
    public async Task Put_ManifestNamingAbsentConfig_ReturnsManifestBlobUnknown()
    {
        var repository = RegistryClient.NewRepository();
        var layer = RegistryClient.RandomBytes(50);
        await Client.PushBlobAsync(repository, layer);
        var manifest = RegistryClient.ImageManifest(Encoding.UTF8.GetBytes("{\"absent\":true}"), [layer]);

        using var put = await Client.PutManifestAsync(repository, "broken", RegistryClient.OciManifest, manifest);

        await RegistryClient.AssertOciErrorAsync(put, HttpStatusCode.BadRequest, "MANIFEST_BLOB_UNKNOWN");
    }

    [Fact]
    public async Task Put_InvalidJson_ReturnsManifestInvalid()
    {
        using var put = await Client.PutManifestAsync(RegistryClient.NewRepository(), "bad", RegistryClient.OciManifest, Encoding.UTF8.GetBytes("{not json"));

        await RegistryClient.AssertOciErrorAsync(put, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
    }

    [Fact]
    public async Task Put_DockerSchema1_RefusedWithManifestInvalidNamingSchema1()
    {
        // A schema 1 manifest as docker 1.x pushed them.
        var schema1 = """
            {"schemaVersion":1,"name":"team/app","tag":"old","architecture":"amd64",
             "fsLayers":[{"blobSum":"sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4"}],
             "history":[{"v1Compatibility":"{}"}]}
            """;

        using var put = await Client.PutManifestAsync(
            RegistryClient.NewRepository(), "old", "application/vnd.docker.distribution.manifest.v1+prettyjws", Encoding.UTF8.GetBytes(schema1));

        var error = await RegistryClient.AssertOciErrorAsync(put, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
        Assert.Contains("schema 1", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_MediaTypeFieldContradictsContentType_ReturnsManifestInvalid()
    {
        var repository = RegistryClient.NewRepository();
        var config = Encoding.UTF8.GetBytes("{}");
        await Client.PushBlobAsync(repository, config);
        var manifest = RegistryClient.ImageManifest(config, []);

        using var put = await Client.PutManifestAsync(repository, "x", RegistryClient.DockerManifest, manifest);

        await RegistryClient.AssertOciErrorAsync(put, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
    }

    [Fact]
    public async Task Put_ByDigestThatDoesNotMatchBytes_ReturnsDigestInvalid()
    {
        var repository = RegistryClient.NewRepository();
        var config = Encoding.UTF8.GetBytes("{}");
        await Client.PushBlobAsync(repository, config);
        var manifest = RegistryClient.ImageManifest(config, []);

        using var put = await Client.PutManifestAsync(repository, RegistryClient.Sha256([1, 2, 3]), RegistryClient.OciManifest, manifest);

        await RegistryClient.AssertOciErrorAsync(put, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task Put_BySha512Digest_StoredAndServedUnderIt()
    {
        var repository = RegistryClient.NewRepository();
        var config = Encoding.UTF8.GetBytes("{}");
        await Client.PushBlobAsync(repository, config);
        var manifest = RegistryClient.ImageManifest(config, []);
        var digest = RegistryClient.Sha512(manifest);

        using var put = await Client.PutManifestAsync(repository, digest, RegistryClient.OciManifest, manifest);
        using var get = await Client.GetManifestAsync(repository, digest, RegistryClient.OciManifest);

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(digest, put.Header("Docker-Content-Digest"));
        Assert.Equal(manifest, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Put_InvalidTag_ReturnsManifestInvalid()
    {
        using var put = await Client.PutManifestAsync(RegistryClient.NewRepository(), "-bad", RegistryClient.OciManifest, Encoding.UTF8.GetBytes("{}"));

        await RegistryClient.AssertOciErrorAsync(put, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
    }

    [Fact]
    public async Task Put_LargerThanLimit_ReturnsManifestInvalid()
    {
        var huge = new byte[5 * 1024 * 1024];
        huge.AsSpan().Fill((byte)' ');

        using var put = await Client.PutManifestAsync(RegistryClient.NewRepository(), "huge", RegistryClient.OciManifest, huge);

        await RegistryClient.AssertOciErrorAsync(put, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
    }

    [Fact]
    public async Task Put_WithSubject_ReturnsOciSubjectHeader()
    {
        var repository = RegistryClient.NewRepository();
        var subject = await Client.PushImageAsync(repository, "app");
        var subjectDescriptor = RegistryClient.Descriptor(RegistryClient.OciManifest, subject);

        var config = Encoding.UTF8.GetBytes("{\"sig\":1}");
        await Client.PushBlobAsync(repository, config);
        var artifact = RegistryClient.ImageManifest(config, [], subject: subjectDescriptor, artifactType: "application/vnd.example.sig");
        using var put = await Client.PutManifestAsync(repository, RegistryClient.Sha256(artifact), RegistryClient.OciManifest, artifact);

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(RegistryClient.Sha256(subject), put.Header("OCI-Subject"));
    }

    [Fact]
    public async Task Get_UnknownTag_ReturnsManifestUnknown()
    {
        var repository = RegistryClient.NewRepository();
        await Client.PushImageAsync(repository, "exists");

        using var response = await Client.GetManifestAsync(repository, "missing");

        await RegistryClient.AssertOciErrorAsync(response, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task Get_InvalidReferenceInExistingRepository_Returns404ManifestUnknown(string method)
    {
        // The reference the OCI distribution-spec conformance suite uses for "nonexistent manifest".
        var repository = RegistryClient.NewRepository();
        await Client.PushImageAsync(repository, "exists");

        using var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/v2/{repository}/manifests/.INVALID_MANIFEST_NAME"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        if (method == "GET")
        {
            await RegistryClient.AssertOciErrorAsync(response, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        }
    }

    [Theory]
    [InlineData(".INVALID_MANIFEST_NAME")]
    [InlineData("latest")]
    public async Task Get_ManifestOfMissingRepository_Returns404NameUnknown(string reference)
    {
        using var response = await Client.GetManifestAsync(RegistryClient.NewRepository(), reference);

        await RegistryClient.AssertOciErrorAsync(response, HttpStatusCode.NotFound, "NAME_UNKNOWN");
    }

    [Fact]
    public async Task Delete_ByDigest_Returns202AndTagAndDigestAreGone()
    {
        var repository = RegistryClient.NewRepository();
        var manifest = await Client.PushImageAsync(repository, "v1");
        var digest = RegistryClient.Sha256(manifest);

        using var deleted = await Client.DeleteAsync($"/v2/{repository}/manifests/{digest}");
        using var byDigest = await Client.GetManifestAsync(repository, digest);
        using var byTag = await Client.GetManifestAsync(repository, "v1");

        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        await RegistryClient.AssertOciErrorAsync(byDigest, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        await RegistryClient.AssertOciErrorAsync(byTag, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
    }

    [Fact]
    public async Task Delete_ByTag_RemovesOnlyTheTag()
    {
        var repository = RegistryClient.NewRepository();
        var manifest = await Client.PushImageAsync(repository, "v1");

        using var deleted = await Client.DeleteAsync($"/v2/{repository}/manifests/v1");
        using var byTag = await Client.GetManifestAsync(repository, "v1");
        using var byDigest = await Client.GetManifestAsync(repository, RegistryClient.Sha256(manifest));

        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        await RegistryClient.AssertOciErrorAsync(byTag, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        Assert.Equal(HttpStatusCode.OK, byDigest.StatusCode);
    }

    [Fact]
    public async Task Delete_Unknown_ReturnsManifestUnknown()
    {
        using var deleted = await Client.DeleteAsync($"/v2/{RegistryClient.NewRepository()}/manifests/{RegistryClient.Sha256([0])}");

        await RegistryClient.AssertOciErrorAsync(deleted, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
    }

    [Fact]
    public async Task Put_TagMovedToAnotherManifest_TagServesTheNewOne()
    {
        var repository = RegistryClient.NewRepository();
        await Client.PushImageAsync(repository, "latest");
        var second = await Client.PushImageAsync(repository, "latest");

        using var get = await Client.GetManifestAsync(repository, "latest");

        Assert.Equal(second, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Post_OnManifest_ReturnsUnsupported()
    {
        using var response = await Client.PostAsync($"/v2/{RegistryClient.NewRepository()}/manifests/latest", null);

        await RegistryClient.AssertOciErrorAsync(response, HttpStatusCode.MethodNotAllowed, "UNSUPPORTED");
    }

    private static byte[] Index(string mediaType, params (string Type, byte[] Manifest, string Architecture)[] children)
    {
        var manifests = new JsonArray();
        foreach (var (type, manifest, architecture) in children)
        {
            var descriptor = RegistryClient.Descriptor(type, manifest);
            descriptor["platform"] = new JsonObject { ["architecture"] = architecture, ["os"] = "linux" };
            manifests.Add(descriptor);
        }

        return Encoding.UTF8.GetBytes(new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = mediaType, ["manifests"] = manifests }.ToJsonString());
    }
}
