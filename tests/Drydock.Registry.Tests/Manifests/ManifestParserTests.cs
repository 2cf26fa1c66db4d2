using System.Text;
using Drydock.Oci;
using Drydock.Oci.Manifests;
using Drydock.Registry.Manifests;
using Drydock.Registry.Storage;

namespace Drydock.Registry.Tests.Manifests;

public sealed class ManifestParserTests
{
    private const string ConfigDigest = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
    private const string LayerDigest = "sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7";
    private const string ChildDigest = "sha256:e692418e4cbaf90ca69d05a66403747baa33ee08806650b51fab815ad7fc331f";

    [Fact]
    public void Parse_OciManifest_ReferencesConfigAndLayers()
    {
        var json = $$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
             "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{ConfigDigest}}","size":2},
             "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{LayerDigest}}","size":10}]}
            """;

        var result = ManifestParser.Parse("application/vnd.oci.image.manifest.v1+json", Encoding.UTF8.GetBytes(json));

        Assert.True(result.Succeeded);
        Assert.Equal("application/vnd.oci.image.manifest.v1+json", result.Value.MediaType);
        Assert.Equal([ConfigDigest, LayerDigest], result.Value.References.Select(r => r.Digest.ToString()));
        Assert.All(result.Value.References, r => Assert.Equal(ManifestReferenceKind.Blob, r.Kind));
        Assert.Equal("application/vnd.oci.image.config.v1+json", result.Value.ArtifactType);
    }

    [Fact]
    public void Parse_NoContentType_TakesMediaTypeField()
    {
        var json = $$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}""";

        var result = ManifestParser.Parse(null, Encoding.UTF8.GetBytes(json));

        Assert.True(result.Succeeded);
        Assert.Equal("application/vnd.oci.image.index.v1+json", result.Value.MediaType);
    }

    [Fact]
    public void Parse_Index_ReferencesChildManifestsAndSubject()
    {
        var json = $$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","artifactType":"application/x-test",
             "manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{ChildDigest}}","size":7,"platform":{"architecture":"amd64","os":"linux"} }],
             "subject":{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{LayerDigest}}","size":3} }
            """;

        var result = ManifestParser.Parse("application/vnd.oci.image.index.v1+json; charset=utf-8", Encoding.UTF8.GetBytes(json));

        Assert.True(result.Succeeded);
        var child = Assert.Single(result.Value.References);
        Assert.Equal(ChildDigest, child.Digest.ToString());
        Assert.Equal(ManifestReferenceKind.Manifest, child.Kind);
        Assert.Equal(LayerDigest, result.Value.Subject.ToString());
        Assert.Equal("application/x-test", result.Value.ArtifactType);
    }

    [Fact]
    public void Parse_ForeignLayerWithUrls_IsNotAReference()
    {
        var json = $$"""
            {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
             "config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":"{{ConfigDigest}}","size":2},
             "layers":[{"mediaType":"application/vnd.docker.image.rootfs.foreign.diff.tar.gzip","digest":"{{LayerDigest}}","size":10,"urls":["https://example.invalid/layer"]}]}
            """;

        var result = ManifestParser.Parse("application/vnd.docker.distribution.manifest.v2+json", Encoding.UTF8.GetBytes(json));

        Assert.True(result.Succeeded);
        Assert.Equal([ConfigDigest], result.Value.References.Select(r => r.Digest.ToString()));
    }

    [Theory]
    [InlineData("application/vnd.docker.distribution.manifest.v1+json", """{"schemaVersion":1,"name":"x","tag":"y","fsLayers":[]}""", "schema 1")]
    [InlineData("application/vnd.docker.distribution.manifest.v1+prettyjws", """{"schemaVersion":1}""", "schema 1")]
    [InlineData("application/vnd.oci.image.manifest.v1+json", "[]", "not a JSON object")]
    [InlineData("application/vnd.oci.image.manifest.v1+json", "{", "not valid JSON")]
    [InlineData("application/vnd.oci.image.manifest.v1+json", """{"schemaVersion":2,"layers":[]}""", "config")]
    [InlineData("application/vnd.oci.image.manifest.v1+json", """{"schemaVersion":2,"config":{"digest":"sha256:abc","size":1}}""", "invalid digest")]
    [InlineData("application/vnd.oci.image.manifest.v1+json", """{"schemaVersion":3,"config":{}}""", "schemaVersion")]
    [InlineData("application/vnd.oci.image.index.v1+json", """{"schemaVersion":2}""", "manifests")]
    [InlineData("application/vnd.example.unknown", """{"schemaVersion":2}""", "not supported")]
    [InlineData(null, """{"schemaVersion":2}""", "media type unknown")]
    public void Parse_Invalid_ReturnsManifestInvalidSayingWhy(string? contentType, string json, string reason)
    {
        var result = ManifestParser.Parse(contentType, Encoding.UTF8.GetBytes(json));

        Assert.False(result.Succeeded);
        Assert.Equal("MANIFEST_INVALID", result.Error.Code.Code);
        Assert.Contains(reason, result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"schemaVersion":2,"mediaType":0,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"CONFIG","size":2},"layers":[]}""", "$.mediaType")]
    [InlineData("""{"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"CONFIG","size":2},"layers":[],"annotations":{"a":1}}""", "$.annotations.a")]
    [InlineData("""{"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"CONFIG","size":2,"annotations":{"b":true}},"layers":[]}""", "$.config.annotations.b")]
    [InlineData("""{"schemaVersion":2,"config":{"mediaType":7,"digest":"CONFIG","size":2},"layers":[]}""", "$.config.mediaType")]
    [InlineData("""{"schemaVersion":2,"artifactType":["x"],"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"CONFIG","size":2},"layers":[]}""", "$.artifactType")]
    [InlineData("""{"schemaVersion":2,"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"CONFIG","size":2},"layers":[]}""", "schemaVersion")]
    [InlineData("""{"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"CONFIG","size":2},"layers":[],"annotations":{"a":"\ud800"}}""", "$.annotations.a")]
    public void Parse_ManifestTheScannerCannotRead_ManifestInvalidNamingWhere(string json, string where)
    {
        var result = ManifestParser.Parse(MediaTypes.OciManifest, Encoding.UTF8.GetBytes(json.Replace("CONFIG", ConfigDigest, StringComparison.Ordinal)));

        Assert.False(result.Succeeded);
        Assert.Equal("MANIFEST_INVALID", result.Error.Code.Code);
        Assert.Contains(where, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_IndexChildPlatformWithoutOs_ManifestInvalid()
    {
        var json = $$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json",
             "manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{ChildDigest}}","size":7,"platform":{"architecture":"amd64"} }]}
            """;

        var result = ManifestParser.Parse(MediaTypes.OciIndex, Encoding.UTF8.GetBytes(json));

        Assert.False(result.Succeeded);
        Assert.Contains("os", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidUtf8InsideAString_ManifestInvalidNotAnException()
    {
        var prefix = Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{ConfigDigest}}","size":2},"layers":[],"annotations":{"a":"x""");
        var suffix = Encoding.UTF8.GetBytes("\"}}");
        byte[] content = [.. prefix, 0xC3, 0x28, 0xFF, .. suffix];

        var result = ManifestParser.Parse(MediaTypes.OciManifest, content);

        Assert.False(result.Succeeded);
        Assert.Equal("MANIFEST_INVALID", result.Error.Code.Code);
        Assert.Contains("not valid JSON", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AcceptedManifest_TheScannersReaderReadsIt()
    {
        var json = $$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
             "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{ConfigDigest}}","size":2},
             "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{LayerDigest}}","size":10,"annotations":{"k":"v"} }],
             "annotations":{"org.opencontainers.image.created":"2024-01-01T00:00:00Z"} }
            """;
        var content = Encoding.UTF8.GetBytes(json);

        var result = ManifestParser.Parse(MediaTypes.OciManifest, content);

        Assert.True(result.Succeeded);
        var read = ManifestReader.ReadManifest(content, "test");
        Assert.Equal(LayerDigest, Assert.Single(read.Layers!).Digest);
    }
}
