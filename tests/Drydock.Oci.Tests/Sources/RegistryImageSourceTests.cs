using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Drydock.Oci.Layers;
using Drydock.Oci.Sources;
using Drydock.Testing;
using Drydock.Testing.Images;

namespace Drydock.Oci.Tests.Sources;

public sealed class RegistryImageSourceTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("alice", "secret")]
    public async Task ResolveAsync_BearerChallenge_FetchesATokenAndReadsTheImage(string? user, string? password)
    {
        using var temp = new TempDirectory();
        var built = await new TestImageBuilder().AddLayer(l => l.File("etc/hostname", "x")).WriteOciLayoutAsync(temp.Path, CancellationToken.None);
        var registry = new FakeRegistry(temp.Path, FakeRegistry.AuthMode.Bearer, user, password);
        Assert.True(ImageTarget.TryParse("docker://registry.example/team/app:latest", out var target, out _));

        await using var source = await ImageSources.OpenAsync(target, new ImageSourceOptions { HttpHandler = registry, Username = user, Password = password }, CancellationToken.None);
        var image = await source.ResolveAsync(CancellationToken.None);
        var names = new List<string>();
        await foreach (var entry in source.ReadLayerAsync(image.Layers[0], LayerLimits.Default, CancellationToken.None))
        {
            names.Add(entry.Name);
        }

        Assert.Equal(built.ManifestDigest, image.ManifestDigest);
        Assert.Equal(["etc/hostname"], names);
        Assert.Equal(1, registry.TokenRequests);
        Assert.Equal(user is null ? null : "alice:secret", registry.TokenCredentials);
        Assert.Equal("service=registry.example&scope=repository%3Ateam%2Fapp%3Apull", registry.TokenQuery);
        Assert.StartsWith("https://registry.example/v2/team/app/", registry.Requests[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_BasicChallengeOverPlainHttp_SendsTheCredentials()
    {
        using var temp = new TempDirectory();
        await new TestImageBuilder().AddLayer(l => l.File("a", "b")).WriteOciLayoutAsync(temp.Path, CancellationToken.None);
        var registry = new FakeRegistry(temp.Path, FakeRegistry.AuthMode.Basic, "bob", "pw");
        Assert.True(ImageTarget.TryParse("localhost:5000/app", out var target, out _));

        await using var source = await ImageSources.OpenAsync(target, new ImageSourceOptions { HttpHandler = registry, Insecure = true, Username = "bob", Password = "pw" }, CancellationToken.None);
        var image = await source.ResolveAsync(CancellationToken.None);

        Assert.Single(image.Layers);
        Assert.StartsWith("http://localhost:5000/v2/app/", registry.Requests[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_WrongCredentials_SaysAccessWasRefused()
    {
        using var temp = new TempDirectory();
        await new TestImageBuilder().AddLayer(l => l.File("a", "b")).WriteOciLayoutAsync(temp.Path, CancellationToken.None);
        var registry = new FakeRegistry(temp.Path, FakeRegistry.AuthMode.Basic, "bob", "pw");
        Assert.True(ImageTarget.TryParse("localhost:5000/app", out var target, out _));

        await using var source = await ImageSources.OpenAsync(target, new ImageSourceOptions { HttpHandler = registry, Insecure = true, Username = "bob", Password = "wrong" }, CancellationToken.None);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => source.ResolveAsync(CancellationToken.None));

        Assert.Contains("refused access to app", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseParameters_ChallengeWithQuotedCommas_KeepsValuesWhole()
    {
        var parameters = RegistryAuthenticator.ParseParameters("realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:a/b:pull,push\"");

        Assert.Equal("https://auth.docker.io/token", parameters["realm"]);
        Assert.Equal("registry.docker.io", parameters["service"]);
        Assert.Equal("repository:a/b:pull,push", parameters["scope"]);
    }

    /// <summary>A registry served from an OCI layout, with the Docker token flow or basic auth.</summary>
    private sealed class FakeRegistry(string layout, FakeRegistry.AuthMode mode, string? user, string? password) : HttpMessageHandler
    {
        private const string Token = "token-123";

        public enum AuthMode
        {
            Bearer,
            Basic,
        }

        public List<string> Requests { get; } = [];

        public int TokenRequests { get; private set; }

        public string? TokenCredentials { get; private set; }

        public string? TokenQuery { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            Requests.Add(uri.ToString());
            if (uri.Host == "auth.example")
            {
                TokenRequests++;
                TokenQuery = uri.Query.TrimStart('?');
                TokenCredentials = request.Headers.Authorization is { Scheme: "Basic" } basic
                    ? Encoding.UTF8.GetString(Convert.FromBase64String(basic.Parameter!))
                    : null;
                return Json($$"""{"token":"{{Token}}"}""");
            }

            var authorised = mode == AuthMode.Bearer
                ? request.Headers.Authorization is { Scheme: "Bearer", Parameter: Token }
                : request.Headers.Authorization is { Scheme: "Basic" } b && Encoding.UTF8.GetString(Convert.FromBase64String(b.Parameter!)) == $"{user}:{password}";
            if (!authorised)
            {
                var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
                challenge.Headers.WwwAuthenticate.Add(mode == AuthMode.Bearer
                    ? new AuthenticationHeaderValue("Bearer", "realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:team/app:pull\"")
                    : new AuthenticationHeaderValue("Basic", "realm=\"fake\""));
                return challenge;
            }

            var parts = uri.AbsolutePath.Split('/');
            var kind = parts[^2];
            var reference = parts[^1];
            if (kind == "manifests" && !reference.StartsWith("sha256:", StringComparison.Ordinal))
            {
                var index = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(layout, "index.json"), cancellationToken))!;
                reference = index["manifests"]![0]!["digest"]!.GetValue<string>();
            }

            var bytes = await File.ReadAllBytesAsync(Path.Combine(layout, "blobs", "sha256", reference["sha256:".Length..]), cancellationToken);
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(bytes) };
            if (kind == "manifests")
            {
                response.Content.Headers.ContentType = new MediaTypeHeaderValue(MediaTypes.OciManifest);
            }

            return response;
        }

        private static HttpResponseMessage Json(string json) =>
            new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}
