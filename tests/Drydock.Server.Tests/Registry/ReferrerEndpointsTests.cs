using System.Net;
using System.Text;
using System.Text.Json;

namespace Drydock.Server.Tests.Registry;

public sealed class ReferrerEndpointsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string SignatureType = "application/vnd.example.signature";
    private const string SbomType = "application/vnd.example.sbom";

    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Get_Referrers_ListsEachArtifactWithSubjectAsOciIndex()
    {
        var repository = RegistryClient.NewRepository();
        var (subject, signature, sbom) = await PushSubjectWithTwoArtifactsAsync(repository);

        using var response = await Client.GetAsync($"/v2/{repository}/referrers/{RegistryClient.Sha256(subject)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RegistryClient.OciIndex, response.Content.Headers.ContentType!.MediaType);
        Assert.Null(response.HeaderOrNull("OCI-Filters-Applied"));
        using var index = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, index.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(RegistryClient.OciIndex, index.RootElement.GetProperty("mediaType").GetString());
        var descriptors = index.RootElement.GetProperty("manifests").EnumerateArray().ToDictionary(d => d.GetProperty("digest").GetString()!);
        Assert.Equal(2, descriptors.Count);
        var sig = descriptors[RegistryClient.Sha256(signature)];
        Assert.Equal(RegistryClient.OciManifest, sig.GetProperty("mediaType").GetString());
        Assert.Equal(signature.Length, sig.GetProperty("size").GetInt64());
        Assert.Equal(SignatureType, sig.GetProperty("artifactType").GetString());
        Assert.Equal("yes", sig.GetProperty("annotations").GetProperty("org.example.signed").GetString());

        // No artifactType field: the referrers API reports the config media type.
        Assert.Equal(SbomType, descriptors[RegistryClient.Sha256(sbom)].GetProperty("artifactType").GetString());
    }

    [Fact]
    public async Task Get_ReferrersWithArtifactTypeFilter_ReturnsOnlyThatTypeAndFiltersAppliedHeader()
    {
        var repository = RegistryClient.NewRepository();
        var (subject, signature, _) = await PushSubjectWithTwoArtifactsAsync(repository);

        using var response = await Client.GetAsync($"/v2/{repository}/referrers/{RegistryClient.Sha256(subject)}?artifactType={Uri.EscapeDataString(SignatureType)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("artifactType", response.Header("OCI-Filters-Applied"));
        using var index = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var only = Assert.Single(index.RootElement.GetProperty("manifests").EnumerateArray().ToList());
        Assert.Equal(RegistryClient.Sha256(signature), only.GetProperty("digest").GetString());
    }

    [Fact]
    public async Task Get_ReferrersOfUnknownSubject_Returns200WithEmptyIndex()
    {
        using var response = await Client.GetAsync($"/v2/{RegistryClient.NewRepository()}/referrers/{RegistryClient.Sha256([3])}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var index = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Empty(index.RootElement.GetProperty("manifests").EnumerateArray());
    }

    [Fact]
    public async Task Get_ReferrersWithMalformedDigest_Returns400()
    {
        using var response = await Client.GetAsync($"/v2/{RegistryClient.NewRepository()}/referrers/sha256:xyz");

        await RegistryClient.AssertOciErrorAsync(response, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task Get_ReferrersAfterArtifactDeleted_NoLongerListsIt()
    {
        var repository = RegistryClient.NewRepository();
        var (subject, signature, _) = await PushSubjectWithTwoArtifactsAsync(repository);

        using var deleted = await Client.DeleteAsync($"/v2/{repository}/manifests/{RegistryClient.Sha256(signature)}");
        using var response = await Client.GetAsync($"/v2/{repository}/referrers/{RegistryClient.Sha256(subject)}");

        using var index = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Single(index.RootElement.GetProperty("manifests").EnumerateArray());
    }

    private async Task<(byte[] Subject, byte[] Signature, byte[] Sbom)> PushSubjectWithTwoArtifactsAsync(string repository)
    {
        var subject = await Client.PushImageAsync(repository, "app");
        var subjectDescriptor = RegistryClient.Descriptor(RegistryClient.OciManifest, subject);
        var empty = Encoding.UTF8.GetBytes("{}");
        await Client.PushBlobAsync(repository, empty);

        var signatureJson = System.Text.Json.Nodes.JsonNode.Parse(
            RegistryClient.ImageManifest(empty, [], configType: "application/vnd.oci.empty.v1+json", subject: (System.Text.Json.Nodes.JsonObject)subjectDescriptor.DeepClone(), artifactType: SignatureType))!;
        signatureJson["annotations"] = new System.Text.Json.Nodes.JsonObject { ["org.example.signed"] = "yes" };
        var signature = Encoding.UTF8.GetBytes(signatureJson.ToJsonString());
        using (var put = await Client.PutManifestAsync(repository, RegistryClient.Sha256(signature), RegistryClient.OciManifest, signature))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        var sbomConfig = Encoding.UTF8.GetBytes("{\"sbom\":true}");
        await Client.PushBlobAsync(repository, sbomConfig);
        var sbom = RegistryClient.ImageManifest(sbomConfig, [], configType: SbomType, subject: (System.Text.Json.Nodes.JsonObject)subjectDescriptor.DeepClone());
        using (var put = await Client.PutManifestAsync(repository, RegistryClient.Sha256(sbom), RegistryClient.OciManifest, sbom))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        return (subject, signature, sbom);
    }
}
