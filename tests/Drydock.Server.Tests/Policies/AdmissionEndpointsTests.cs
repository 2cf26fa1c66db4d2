using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Drydock.Server.Tests.Policies;

/// <summary>
/// <c>POST /api/v1/admission</c> with AdmissionReview requests as the API server sends them, judged against the
/// policy fixture's scanned images: guarded/app (findings at and above its medium threshold), open/app (no policy),
/// accepted/app (every finding allowlisted) and clean/base (no findings).
/// </summary>
[Collection(PolicyServerGroup.Name)]
public sealed class AdmissionEndpointsTests(PolicyServerFixture fixture)
{
    private const string OtherRegistryImage = "docker.io/library/nginx:1.25";

    private string Host => fixture.Host;

    [Fact]
    public async Task Review_PodWithVulnerableTagAmongOthers_DeniedNamingOnlyItWithCounts()
    {
        var vulnerable = $"{Host}/guarded/app:1";
        var review = AdmissionReviews.Pod(
            containers: [vulnerable, $"{Host}/clean/base@{fixture.BaseDigest}", OtherRegistryImage],
            initContainers: [$"{Host}/open/app:1"]);

        var response = await AdmissionReviews.SendAsync(fixture.Client, review);

        Assert.False(response.GetProperty("allowed").GetBoolean());
        var status = response.GetProperty("status");
        Assert.Equal(403, status.GetProperty("code").GetInt32());
        var message = status.GetProperty("message").GetString()!;
        Assert.Contains($"{vulnerable}: guarded/app@{fixture.AppDigest} has ", message, StringComparison.Ordinal);
        foreach (var group in fixture.Expected.Where(f => f.Severity is "medium" or "high" or "critical").GroupBy(f => f.Severity))
        {
            Assert.Contains($"{group.Count()} {group.Key}", message, StringComparison.Ordinal);
        }

        Assert.Contains("denied 1 of 4 images", message, StringComparison.Ordinal);
        Assert.DoesNotContain("clean/base", message, StringComparison.Ordinal);
        Assert.DoesNotContain("nginx", message, StringComparison.Ordinal);
        Assert.DoesNotContain("open/app", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_PodOfAllowedImages_AllowedWithoutStatus()
    {
        // The last init container names a tag that does not exist beside a digest that does: the digest decides.
        var review = AdmissionReviews.Pod(
            containers: [$"{Host}/clean/base:1", $"{Host}/open/app@{fixture.AppDigest}", $"{Host}/accepted/app:1", OtherRegistryImage],
            initContainers: [$"{Host}/accepted/app@{fixture.AppDigest}", $"{Host}/open/app:no-such-tag@{fixture.AppDigest}"]);

        var response = await AdmissionReviews.SendAsync(fixture.Client, review);

        Assert.True(response.GetProperty("allowed").GetBoolean(), response.ToString());
        Assert.False(response.TryGetProperty("status", out _));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Review_DryRunOrNot_SameDecision(bool dryRun)
    {
        var denied = AdmissionReviews.Pod([$"{Host}/guarded/app@{fixture.AppDigest}"], dryRun: dryRun);
        var allowed = AdmissionReviews.Pod([$"{Host}/clean/base:1"], dryRun: dryRun);

        Assert.False((await AdmissionReviews.SendAsync(fixture.Client, denied)).GetProperty("allowed").GetBoolean());
        Assert.True((await AdmissionReviews.SendAsync(fixture.Client, allowed)).GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task Review_EphemeralDebugContainerVulnerable_Denied()
    {
        // kubectl debug adds an ephemeral container through the pods/ephemeralcontainers subresource, an UPDATE.
        var pod = AdmissionReviews.PodObject([$"{Host}/clean/base:1"], ephemeralContainers: [$"{Host}/guarded/app:1"]);
        var review = AdmissionReviews.Review("", "v1", "Pod", "pods", "UPDATE", pod, subResource: "ephemeralcontainers");

        var response = await AdmissionReviews.SendAsync(fixture.Client, review);

        Assert.False(response.GetProperty("allowed").GetBoolean());
        Assert.Contains($"{Host}/guarded/app:1", response.GetProperty("status").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("apps", "Deployment", "deployments")]
    [InlineData("apps", "StatefulSet", "statefulsets")]
    [InlineData("apps", "DaemonSet", "daemonsets")]
    [InlineData("apps", "ReplicaSet", "replicasets")]
    [InlineData("batch", "Job", "jobs")]
    [InlineData("batch", "CronJob", "cronjobs")]
    public async Task Review_WorkloadPodTemplate_JudgedLikeAPod(string group, string kind, string resource)
    {
        var denied = AdmissionReviews.Review(group, "v1", kind, resource, "CREATE", AdmissionReviews.Workload($"{group}/v1", kind, [$"{Host}/clean/base:1", $"{Host}/guarded/app:1"]));
        var allowed = AdmissionReviews.Review(group, "v1", kind, resource, "CREATE", AdmissionReviews.Workload($"{group}/v1", kind, [$"{Host}/clean/base:1", $"{Host}/open/app:1"]));

        var deniedResponse = await AdmissionReviews.SendAsync(fixture.Client, denied);
        var allowedResponse = await AdmissionReviews.SendAsync(fixture.Client, allowed);

        Assert.False(deniedResponse.GetProperty("allowed").GetBoolean());
        Assert.Contains("denied 1 of 2 images", deniedResponse.GetProperty("status").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(allowedResponse.GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task Review_ImagesThisRegistryDoesNotHold_Denied()
    {
        var missingTag = $"{Host}/open/app:no-such-tag";
        var missingRepository = $"{Host}/open/nothing:1";
        var missingDigest = $"{Host}/open/app@sha256:{new string('0', 64)}";

        var response = await AdmissionReviews.SendAsync(fixture.Client, AdmissionReviews.Pod([missingTag, missingRepository, missingDigest]));

        Assert.False(response.GetProperty("allowed").GetBoolean());
        var message = response.GetProperty("status").GetProperty("message").GetString()!;
        Assert.Contains("denied 3 of 3 images", message, StringComparison.Ordinal);
        Assert.Contains($"{missingTag}: this registry has no manifest no-such-tag in open/app", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_ConfiguredRegistryHost_ResolvedInThisRegistry()
    {
        var host = PolicyServerFixture.ConfiguredHost;

        var denied = await AdmissionReviews.SendAsync(fixture.Client, AdmissionReviews.Pod([$"{host}/guarded/app:1"]));
        var allowed = await AdmissionReviews.SendAsync(fixture.Client, AdmissionReviews.Pod([$"{host}/clean/base:1"]));

        Assert.False(denied.GetProperty("allowed").GetBoolean());
        Assert.True(allowed.GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task Review_DeleteOfVulnerablePod_Allowed()
    {
        var review = AdmissionReviews.Review("", "v1", "Pod", "pods", "DELETE", AdmissionReviews.PodObject([$"{Host}/guarded/app:1"]));

        var response = await AdmissionReviews.SendAsync(fixture.Client, review);

        Assert.True(response.GetProperty("allowed").GetBoolean());
    }

    [Theory]
    [InlineData("""{"apiVersion": "admission.k8s.io/v1beta1", "kind": "AdmissionReview", "request": {"uid": "u"}}""")]
    [InlineData("""{"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview"}""")]
    [InlineData("""{"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {}}""")]
    [InlineData("""not json""")]
    public async Task Review_NotAnAdmissionReviewV1_BadRequestProblem(string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await fixture.Client.PostAsync(new Uri("/api/v1/admission", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Invalid AdmissionReview", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }
}
