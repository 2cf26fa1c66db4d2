using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Drydock.Server.Tests.Api.V1;

/// <summary>
/// Malformed bodies on /api/v1 and on manifest PUT: each gets a 4xx whose detail says what is wrong, never a 500 and
/// never a bare "Bad Request". The inputs are the ones that gave 500 or an empty title before.
/// </summary>
public sealed class StrictParsingTests : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await RunningServer.StartAsync();
        (await _server.Client.PostAsJsonAsync("/api/v1/namespaces", new { name = "strict" })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string, string, string> MalformedBodies() => new()
    {
        // method, path, body (\xFF stands for one invalid UTF-8 byte), what the detail must mention
        { "POST", "/api/v1/admission", """{"apiVersion":"admission.k8s.io/v1","apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}""", "apiVersion" },
        { "POST", "/api/v1/admission", """{"apiVersion":1,"kind":"AdmissionReview","request":{"uid":"u"}}""", "AdmissionReview" },
        { "POST", "/api/v1/admission", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"a\xFF"}}""", "$.request.uid" },
        { "PATCH", "/api/v1/namespaces/strict", """{"owner":"\xFF\xFE"}""", "$.owner" },
        { "PATCH", "/api/v1/namespaces/strict", """{"o\xFFwner":"x"}""", "member name" },
        { "PATCH", "/api/v1/namespaces/strict", """{"autoScan":true,"autoScan":false}""", "autoScan" },
        { "PATCH", "/api/v1/namespaces/strict", """{"owner":"\ud800"}""", "$.owner" },
        { "POST", "/api/v1/namespaces", """{"name":1}""", "$.name" },
        { "POST", "/api/v1/namespaces", """{"name":"n\xFF"}""", "name" },
        { "POST", "/api/v1/namespaces", """{"name":"a","settings":{"x":"\xFF"}}""", "$.x" },
        { "POST", "/api/v1/namespaces", """{"name":"a","name":"b"}""", "name" },
        { "POST", "/api/v1/namespaces", """{"name":""", "JSON" },
        { "POST", "/api/v1/namespaces/strict/webhooks", """{"url":["http://x"]}""", "$.url" },
        { "POST", "/api/v1/namespaces/strict/webhooks", """{"url":"http://example.invalid/","events":"scan.completed"}""", "$.events" },
        { "POST", "/api/v1/namespaces/strict/allowlist", """{"vulnerabilityId":"CVE-2024-1","vulnerabilityId":"CVE-2024-2","reason":"r"}""", "vulnerabilityId" },
        { "POST", "/api/v1/namespaces/strict/allowlist", """{"vulnerabilityId":"CVE-2024-1","reason":"\xC3\x28"}""", "$.reason" },
        { "POST", "/api/v1/scans", """{"repository":5,"reference":"latest"}""", "$.repository" },
        { "POST", "/api/v1/scans", """[]""", "JSON" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Send_MalformedJson_4xxProblemSayingWhat(string method, string path, string body, string mentioned)
    {
        using var response = await SendAsync(method, path, Bytes(body), "application/json");

        await AssertProblemAsync(response, mentioned);
    }

    [Theory]
    [InlineData("""{"kind":"Deployment","spec":"x"}""")]
    [InlineData("""{"kind":"CronJob","spec":{"jobTemplate":7}}""")]
    [InlineData("""{"kind":1,"spec":[]}""")]
    public async Task Post_AdmissionObjectOfTheWrongShape_AnsweredNot500(string target)
    {
        var body = $$$"""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u","kind":{"kind":"Pod"},"object":{{{target}}}}}""";

        using var response = await SendAsync("POST", "/api/v1/admission", Bytes(body), "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("u", answer.GetProperty("response").GetProperty("uid").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task Post_NotJsonContentType_4xxProblemSayingWhat(string? contentType)
    {
        using var response = await SendAsync("POST", "/api/v1/namespaces", Bytes("""{"name":"x"}"""), contentType);

        await AssertProblemAsync(response, string.Empty);
    }

    [Fact]
    public async Task Post_EmptyBody_4xxProblemSayingWhat()
    {
        using var response = await SendAsync("POST", "/api/v1/scans", [], "application/json");

        await AssertProblemAsync(response, string.Empty);
    }

    [Theory]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"digest":"sha256:\xFF","size":1}}""", "not valid JSON")]
    [InlineData("""{"schemaVersion":2,"mediaType":0,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"CONFIG","size":2},"layers":[]}""", "$.mediaType")]
    [InlineData("""{"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"CONFIG","size":2},"layers":[],"annotations":{"a":1}}""", "$.annotations.a")]
    public async Task PutManifest_Malformed_400ManifestInvalidSayingWhat(string manifest, string mentioned)
    {
        var repository = RegistryClient.NewRepository("strict");
        var config = Encoding.UTF8.GetBytes("{}");
        var configDigest = await _server.Client.PushBlobAsync(repository, config);

        using var response = await _server.Client.PutManifestAsync(repository, "bad", RegistryClient.OciManifest, Bytes(manifest.Replace("CONFIG", configDigest, StringComparison.Ordinal)));

        var error = await RegistryClient.AssertOciErrorAsync(response, HttpStatusCode.BadRequest, "MANIFEST_INVALID");
        Assert.Contains(mentioned, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The body's text as UTF-8, except that each <c>\xHH</c> is the one byte HH (to write invalid UTF-8).</summary>
    internal static byte[] Bytes(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 3 < text.Length && text[i + 1] == 'x')
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 2, 2), 16));
                i += 3;
                continue;
            }

            bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
        }

        return [.. bytes];
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, string mentioned)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status is >= 400 and < 500, $"{status}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
        Assert.False(string.IsNullOrWhiteSpace(detail), text);
        Assert.NotEqual("Bad Request", problem.GetProperty("title").GetString());
        Assert.Contains(mentioned, detail, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, byte[] body, string? contentType)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(body) };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        return await _server.Client.SendAsync(request);
    }
}
