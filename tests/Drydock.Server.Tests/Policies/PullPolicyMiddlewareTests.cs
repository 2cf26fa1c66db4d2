using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Drydock.Server.Integration;
using Drydock.Server.Tests.Integration;
using Drydock.Testing;
using Drydock.Testing.Registries;

namespace Drydock.Server.Tests.Policies;

/// <summary>
/// Pull blocking over real scans: skopeo pushes the fixture image, the worker scans it against the fixture database, and
/// skopeo pulls are denied or allowed as the counts computed from the feed files and the allowlist say.
/// </summary>
[Collection(PolicyServerGroup.Name)]
public sealed class PullPolicyMiddlewareTests(PolicyServerFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [ToolFact(Skopeo.Program)]
    public async Task Pull_FindingsAtOrAboveThreshold_DeniedThenAllowedByAllowlistThenDeniedAfterExpiry()
    {
        await ScanApi.PatchNamespaceAsync(Client, "expiry", """{"autoScan": true, "preventVulnerable": true, "severityThreshold": "medium"}""");
        var artifact = await fixture.PushAndScanAsync("app", "expiry/app:1");
        var offending = fixture.Expected.Where(f => Rank(f.Severity) >= Rank("medium")).ToList();
        Assert.NotEmpty(offending);
        AssertCounts(fixture.Expected, artifact.GetProperty("summary"));
        using var target = new TempDirectory("drydock-policy-expiry");
        var image = $"docker://{fixture.Host}/expiry/app:1";

        var denied = await Skopeo.RunAsync(["copy", "--src-tls-verify=false", image, $"dir:{target.Combine("denied")}"], CancellationToken.None, check: false);
        var deniedMessage = await DeniedMessageAsync("expiry/app", "1");

        // What `drydock scan docker://…` reads the image with: the policy's words, not "give credentials".
        Assert.True(Drydock.Oci.Sources.ImageTarget.TryParse(image, out var scanTarget, out _));
        await using (var source = await Drydock.Oci.Sources.ImageSources.OpenAsync(scanTarget, new Drydock.Oci.Sources.ImageSourceOptions { Insecure = true }, CancellationToken.None))
        {
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => source.ResolveAsync(CancellationToken.None));
            Assert.Contains($"DENIED: {deniedMessage}", refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("--username", refused.Message, StringComparison.Ordinal);
        }

        // Each offending finding is allowlisted by an alias (GHSA or PYSEC id), not by the id the finding carries.
        var expiresAt = fixture.Clock.GetUtcNow().AddHours(1);
        foreach (var finding in offending)
        {
            var alias = finding.Ids.Where(i => i != finding.Id).Order(StringComparer.Ordinal).First();
            using var added = await Client.PostAsJsonAsync(
                "/api/v1/namespaces/expiry/allowlist", new { vulnerabilityId = alias, reason = "proxy credentials are not used", expiresAt, addedBy = "policy-test" });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        await Skopeo.CopyAsync(image, $"dir:{target.Combine("allowed")}", CancellationToken.None);
        var allowedSummary = (await ArtifactAsync("expiry/app", "1")).GetProperty("summary");
        var report = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/reports?repository=expiry/app&reference=1&format=json");
        var sarif = await Client.GetStringAsync(new Uri("/api/v1/reports?repository=expiry/app&reference=1&format=sarif", UriKind.Relative));

        fixture.Clock.Advance(TimeSpan.FromHours(2));
        var deniedAgain = await Skopeo.RunAsync(["copy", "--src-tls-verify=false", image, $"dir:{target.Combine("expired")}"], CancellationToken.None, check: false);
        var expiredMessage = await DeniedMessageAsync("expiry/app", "1");
        var entries = await Client.GetFromJsonAsync<JsonElement>("/api/v1/namespaces/expiry/allowlist");

        Assert.NotEqual(0, denied.ExitCode);
        Assert.Contains(deniedMessage, denied.StandardError, StringComparison.Ordinal);
        foreach (var group in offending.GroupBy(f => f.Severity))
        {
            Assert.Contains($"{group.Count()} {group.Key}", deniedMessage, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(target.Combine("allowed", "manifest.json")));
        AssertCounts(fixture.Expected.Except(offending).ToList(), allowedSummary);
        var suppressed = allowedSummary.GetProperty("suppressed").EnumerateArray().ToList();
        Assert.Equal(offending.Select(f => f.Id).Order(StringComparer.Ordinal), suppressed.Select(s => s.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        Assert.All(suppressed, s => Assert.Equal("proxy credentials are not used", s.GetProperty("reason").GetString()));
        var reported = report.GetProperty("findings").EnumerateArray().Where(f => offending.Any(o => o.Id == f.GetProperty("id").GetString())).ToList();
        Assert.Equal(offending.Count, reported.Count);
        Assert.All(reported, f => Assert.Contains("proxy credentials are not used", f.GetProperty("suppressed").GetString(), StringComparison.Ordinal));
        Assert.Equal(fixture.Expected.Count - offending.Count, report.GetProperty("summary").GetProperty("total").GetInt32());
        Assert.Contains("\"suppressions\"", sarif, StringComparison.Ordinal);

        Assert.NotEqual(0, deniedAgain.ExitCode);
        Assert.Contains(expiredMessage, deniedAgain.StandardError, StringComparison.Ordinal);
        Assert.Equal(deniedMessage, expiredMessage);
        Assert.All(entries.EnumerateArray(), e => Assert.False(e.GetProperty("active").GetBoolean()));
    }

    [ToolFact(Skopeo.Program)]
    public async Task Pull_ThresholdAboveWorstFinding_AllowedUntilThresholdLowered()
    {
        var worst = fixture.Expected.MaxBy(f => Rank(f.Severity))!.Severity;
        Assert.True(Rank(worst) is >= 0 and < 3, $"the fixture's worst finding is {worst}; this test needs one below critical");
        var above = NamespaceScanSettings.Severities[Rank(worst) + 1];
        await ScanApi.PatchNamespaceAsync(Client, "thresholds", $$"""{"autoScan": true, "preventVulnerable": true, "severityThreshold": "{{above}}"}""");
        await fixture.PushAndScanAsync("app", "thresholds/app:1");
        using var target = new TempDirectory("drydock-policy-threshold");

        await Skopeo.CopyAsync($"docker://{fixture.Host}/thresholds/app:1", $"dir:{target.Combine("allowed")}", CancellationToken.None);
        using var patch = new StringContent($$"""{"severityThreshold": "{{worst}}"}""", Encoding.UTF8, "application/json");
        (await Client.PatchAsync(new Uri("/api/v1/namespaces/thresholds", UriKind.Relative), patch)).EnsureSuccessStatusCode();
        var message = await DeniedMessageAsync("thresholds/app", fixture.AppDigest);

        Assert.True(File.Exists(target.Combine("allowed", "manifest.json")));
        Assert.Contains($"{fixture.Expected.Count(f => f.Severity == worst)} {worst}", message, StringComparison.Ordinal);
        Assert.Contains($"/api/v1/reports?repository=thresholds/app&reference={fixture.AppDigest}", message, StringComparison.Ordinal);
    }

    // -1 for severities below every threshold (unknown, negligible).
    private static int Rank(string severity) => NamespaceScanSettings.Severities.ToList().IndexOf(severity);

    private static void AssertCounts(IReadOnlyList<ExpectedFinding> expected, JsonElement summary)
    {
        Assert.True(summary.GetProperty("matched").GetBoolean());
        var counts = summary.GetProperty("counts");
        foreach (var count in counts.EnumerateObject())
        {
            Assert.True(expected.Count(f => f.Severity == count.Name) == count.Value.GetInt32(), $"{count.Name}: expected {expected.Count(f => f.Severity == count.Name)}, summary {counts}");
        }

        Assert.Equal(expected.Count, counts.EnumerateObject().Sum(c => c.Value.GetInt32()));
        Assert.Equal(expected.Count(f => f.FixedVersion is not null), summary.GetProperty("fixable").EnumerateObject().Sum(c => c.Value.GetInt32()));
    }

    private async Task<string> DeniedMessageAsync(string repository, string reference)
    {
        using var response = await Client.GetAsync(new Uri($"/v2/{repository}/manifests/{reference}", UriKind.Relative));
        var error = await RegistryClient.AssertOciErrorAsync(response, HttpStatusCode.Forbidden, "DENIED");
        return error.GetProperty("message").GetString()!;
    }

    private async Task<JsonElement> ArtifactAsync(string repository, string tag)
    {
        var artifacts = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/artifacts?repository={repository}");
        return artifacts.EnumerateArray().Single(a => a.GetProperty("tags").EnumerateArray().Any(t => t.GetString() == tag));
    }
}
