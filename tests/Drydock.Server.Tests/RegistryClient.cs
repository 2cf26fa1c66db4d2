using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Drydock.Server.Tests;

/// <summary>
/// The distribution API calls tests make, written from the spec (not from the server's code): monolithic
/// pushes, manifests built from descriptors, and the error-body check.
/// </summary>
public static class RegistryClient
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";
    public const string OciLayer = "application/vnd.oci.image.layer.v1.tar+gzip";

    public static string Sha256(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    public static string Sha512(byte[] content) => "sha512:" + Convert.ToHexStringLower(SHA512.HashData(content));

    /// <summary>A unique repository name, so tests sharing a server do not see each other.</summary>
    public static string NewRepository(string prefix = "team") => $"{prefix}/repo-{Guid.NewGuid():N}";

    public static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    /// <summary>POST with <c>?digest=</c>: a monolithic upload. Asserts 201 and returns the digest.</summary>
    public static async Task<string> PushBlobAsync(this HttpClient client, string repository, byte[] content, string? digest = null)
    {
        digest ??= Sha256(content);
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await client.PostAsync($"/v2/{repository}/blobs/uploads/?digest={digest}", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return digest;
    }

    public static async Task<HttpResponseMessage> PutManifestAsync(this HttpClient client, string repository, string reference, string mediaType, byte[] content)
    {
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return await client.PutAsync($"/v2/{repository}/manifests/{reference}", body);
    }

    public static async Task<HttpResponseMessage> GetManifestAsync(this HttpClient client, string repository, string reference, params string[] accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/manifests/{reference}");
        foreach (var type in accept.Length == 0 ? [OciManifest, OciIndex, DockerManifest, DockerManifestList] : accept)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }

        return await client.SendAsync(request);
    }

    public static JsonObject Descriptor(string mediaType, byte[] content, string? artifactType = null)
    {
        var descriptor = new JsonObject { ["mediaType"] = mediaType, ["digest"] = Sha256(content), ["size"] = content.Length };
        if (artifactType is not null)
        {
            descriptor["artifactType"] = artifactType;
        }

        return descriptor;
    }

    /// <summary>An image manifest over a config and layers (their bytes; push them first for a valid manifest).</summary>
    public static byte[] ImageManifest(byte[] config, IEnumerable<byte[]> layers, string mediaType = OciManifest, string configType = OciConfig, JsonObject? subject = null, string? artifactType = null)
    {
        var layerType = mediaType == DockerManifest ? "application/vnd.docker.image.rootfs.diff.tar.gzip" : OciLayer;
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = mediaType,
            ["config"] = Descriptor(mediaType == DockerManifest ? "application/vnd.docker.container.image.v1+json" : configType, config),
            ["layers"] = new JsonArray(layers.Select(l => (JsonNode)Descriptor(layerType, l)).ToArray()),
        };
        if (artifactType is not null)
        {
            manifest["artifactType"] = artifactType;
        }

        if (subject is not null)
        {
            manifest["subject"] = subject;
        }

        return Encoding.UTF8.GetBytes(manifest.ToJsonString());
    }

    /// <summary>Pushes a config and one layer, then the manifest under <paramref name="reference"/>. Returns the manifest bytes.</summary>
    public static async Task<byte[]> PushImageAsync(this HttpClient client, string repository, string reference, string mediaType = OciManifest, JsonObject? subject = null, string? artifactType = null, string configType = OciConfig)
    {
        var config = Encoding.UTF8.GetBytes($"{{\"architecture\":\"amd64\",\"os\":\"linux\",\"nonce\":\"{Guid.NewGuid()}\"}}");
        var layer = RandomBytes(1000);
        await client.PushBlobAsync(repository, config);
        await client.PushBlobAsync(repository, layer);
        var manifest = ImageManifest(config, [layer], mediaType, configType, subject, artifactType);
        using var response = await client.PutManifestAsync(repository, reference, mediaType, manifest);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return manifest;
    }

    /// <summary>
    /// Asserts the spec's error answer: the status, and a body that is exactly
    /// <c>{"errors":[{"code":…,"message":…,"detail":…}]}</c> with the expected code. Returns the error object.
    /// </summary>
    public static async Task<JsonElement> AssertOciErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        Assert.Equal(["errors"], root.EnumerateObject().Select(p => p.Name));
        var errors = root.GetProperty("errors");
        Assert.Equal(JsonValueKind.Array, errors.ValueKind);
        var error = Assert.Single(errors.EnumerateArray().ToList());
        Assert.Equal(["code", "message", "detail"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        return error.Clone();
    }

    public static string Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues)
        : throw new Xunit.Sdk.XunitException($"The response has no {name} header.");

    public static string? HeaderOrNull(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues)
        : null;
}
