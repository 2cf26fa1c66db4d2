using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Drydock.Oci.Manifests;
using Drydock.Testing.Fuzzing;

namespace Drydock.Server.Tests.Api.V1;

/// <summary>
/// Mutated versions of valid bodies sent to manifest PUT and to the /api/v1 endpoints that read a body. Whatever the
/// mutation, the answer is never a 5xx, a 4xx says what is wrong, and a manifest the registry accepts is one the
/// scanner's reader reads. A bounded, seeded run in the suite; longer runs:
/// <c>DRYDOCK_FUZZ_ITERATIONS=5000 dotnet test tests/Drydock.Server.Tests -c Release --filter FullyQualifiedName~ApiFuzzTests</c>.
/// </summary>
public sealed class ApiFuzzTests : IAsyncLifetime
{
    private const int DefaultIterations = 150;

    private RunningServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync();
        (await _server.Client.PostAsJsonAsync("/api/v1/namespaces", new { name = "fuzz" })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string, string> ApiBodies() => new()
    {
        { "POST", "/api/v1/admission", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"7c1f","kind":{"group":"","version":"v1","kind":"Pod"},"operation":"CREATE","object":{"kind":"Pod","spec":{"containers":[{"name":"a","image":"127.0.0.1:5000/fuzz/app:1"}],"initContainers":[{"name":"b","image":"docker.io/library/alpine@sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"}]}}}}""" },
        { "POST", "/api/v1/namespaces", """{"name":"fuzzed","settings":{"autoScan":false,"severityThreshold":"high","owner":"team-a"}}""" },
        { "PATCH", "/api/v1/namespaces/fuzz", """{"autoScan":false,"preventVulnerable":false,"severityThreshold":"critical","owner":{"team":"a","tags":["x","y"]}}""" },
        { "POST", "/api/v1/namespaces/fuzz/allowlist", """{"vulnerabilityId":"CVE-2023-32681","reason":"no proxy credentials in URLs","expiresAt":"2099-01-31T00:00:00Z","addedBy":"alice"}""" },
        { "POST", "/api/v1/namespaces/fuzz/webhooks", """{"url":"https://hooks.example.invalid/drydock","events":["scan.completed","scan.failed"],"secret":"a-secret-of-enough-length"}""" },
        { "POST", "/api/v1/scans", """{"repository":"fuzz/app","reference":"latest"}""" },
    };

    [Theory]
    [MemberData(nameof(ApiBodies))]
    public async Task Fuzz_MutatedApiBody_NeverA5xxAndEvery4xxSaysWhat(string method, string path, string valid)
    {
        var mutator = new ByteMutator(ByteMutator.Seed(16) ^ path.Length ^ method.Length);
        var seedBytes = Encoding.UTF8.GetBytes(valid);
        for (var i = 0; i < ByteMutator.Iterations(DefaultIterations); i++)
        {
            var body = mutator.Mutate(seedBytes);
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

            using var response = await _server.Client.SendAsync(request);

            var status = (int)response.StatusCode;
            var because = $"case {i}: {Convert.ToBase64String(body)}";
            Assert.True(status < 500, $"{status} for {because}");
            if (status >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.False(string.IsNullOrWhiteSpace(problem.TryGetProperty("detail", out var detail) ? detail.GetString() : null), because);
            }
        }
    }

    [Fact]
    public async Task Fuzz_MutatedManifestPut_NeverA5xxAndAcceptedManifestsAreReadable()
    {
        var repository = RegistryClient.NewRepository("fuzz");
        var config = Encoding.UTF8.GetBytes("""{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}""");
        var layer = Encoding.UTF8.GetBytes("layer");
        await _server.Client.PushBlobAsync(repository, config);
        await _server.Client.PushBlobAsync(repository, layer);
        var manifest = Encoding.UTF8.GetString(RegistryClient.ImageManifest(config, [layer]));
        var valid = Encoding.UTF8.GetBytes(manifest.TrimEnd('}') + ""","annotations":{"org.opencontainers.image.created":"2024-01-01T00:00:00Z"}}""");
        var index = Encoding.UTF8.GetBytes($$$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{RegistryClient.Sha256(valid)}}}","size":{{{valid.Length}}},"platform":{"architecture":"amd64","os":"linux"}}]}
            """);
        using (var seeded = await _server.Client.PutManifestAsync(repository, "valid", RegistryClient.OciManifest, valid))
        {
            Assert.Equal(HttpStatusCode.Created, seeded.StatusCode);
        }

        var mutator = new ByteMutator(ByteMutator.Seed(16));
        var accepted = 0;
        for (var i = 0; i < ByteMutator.Iterations(DefaultIterations) * 2; i++)
        {
            var (mediaType, original) = i % 2 == 0 ? (RegistryClient.OciManifest, valid) : (RegistryClient.OciIndex, index);
            var body = mutator.Mutate(original);

            using var response = await _server.Client.PutManifestAsync(repository, $"f{i}", mediaType, body);

            var status = (int)response.StatusCode;
            var because = $"case {i}: {Convert.ToBase64String(body)}";
            Assert.True(status < 500, $"{status} for {because}");
            if (status == 201)
            {
                accepted++;
                var read = mediaType == RegistryClient.OciIndex
                    ? (object)ManifestReader.ReadIndex(body, because)
                    : ManifestReader.ReadManifest(body, because);
                Assert.NotNull(read);
            }
            else
            {
                var error = await RegistryClient.AssertOciErrorAsync(response, response.StatusCode, (await OciCodeAsync(response))!);
                Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()), because);
            }
        }

        // Some mutations (inside a string, an added annotation) leave a valid manifest: the run saw both outcomes.
        Assert.InRange(accepted, 1, ByteMutator.Iterations(DefaultIterations) * 2 - 1);
    }

    private static async Task<string?> OciCodeAsync(HttpResponseMessage response)
    {
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        return error.GetProperty("errors")[0].GetProperty("code").GetString();
    }
}
