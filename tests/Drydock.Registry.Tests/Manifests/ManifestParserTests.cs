using System.Text;
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
}
