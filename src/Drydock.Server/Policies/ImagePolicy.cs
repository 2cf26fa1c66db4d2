using System.Text.Json;
using Drydock.Data.Allowlists;
using Drydock.Data.Scans;
using Drydock.Registry.Names;
using Drydock.Server.Integration;

namespace Drydock.Server.Policies;

/// <summary>
/// The namespace policy over one manifest, shared by pull blocking and admission: with <c>preventVulnerable</c>, an
/// image whose findings at or above <c>severityThreshold</c> are not all accepted by the allowlist is denied, and so is
/// an image not (successfully) scanned yet, and so is an image that was indexed but not judged: scanned without a
/// vulnerability database, or with a distribution or language ecosystem that no loaded source covers (unless the
/// namespace sets <c>allowNotCovered</c>). Artifacts the scanner does not support are allowed. The allowlist is read
/// and its expiries compared with the clock at every decision.
/// </summary>
internal sealed class ImagePolicy(IScanStore scans, IAllowlistStore allowlists, TimeProvider timeProvider)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The namespace's allowlist entries that apply now.</summary>
    public async Task<ActiveAllowlist> GetAllowlistAsync(string namespaceName, CancellationToken cancellationToken) =>
        new(await allowlists.ListAsync(namespaceName, cancellationToken), timeProvider.GetUtcNow());

    /// <summary>A stored summary as the API shows it: the namespace's allowlist applied now.</summary>
    public async Task<ScanSummary> ShowAsync(string namespaceName, string summaryJson, CancellationToken cancellationToken)
    {
        var stored = JsonSerializer.Deserialize<ScanSummary>(summaryJson, Json) ?? new ScanSummary();
        return AllowlistedSummary.Apply(stored, stored.Matched ? await GetAllowlistAsync(namespaceName, cancellationToken) : ActiveAllowlist.Empty);
    }

    /// <summary>Decides about a manifest of <paramref name="repository"/> under the namespace's settings.</summary>
    public async Task<PolicyDecision> EvaluateAsync(RepositoryName repository, string manifestDigest, NamespaceScanSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.PreventVulnerable)
        {
            return PolicyDecision.Allow;
        }

        var report = $"/api/v1/reports?repository={repository}&reference={manifestDigest}";
        var result = await scans.GetGoverningResultAsync(repository.Value, manifestDigest, cancellationToken);
        switch (result?.Status)
        {
            case null or ScanStatus.Queued or ScanStatus.Scanning:
                return PolicyDecision.Deny(
                    $"{repository}@{manifestDigest} has not been scanned yet and namespace {repository.Namespace} prevents pulling unscanned images; scan it with POST /api/v1/scans");
            case ScanStatus.Failed:
                return PolicyDecision.Deny(
                    $"the scan of {repository}@{manifestDigest} failed ({result.Reason}) and namespace {repository.Namespace} prevents pulling unscanned images");
            case ScanStatus.Unsupported:
                return PolicyDecision.Allow;
        }

        var summary = await ShowAsync(repository.Namespace, result.SummaryJson, cancellationToken);
        if (result.Status == ScanStatus.NoDatabase || summary is not { Matched: true, Counts: { } counts })
        {
            // Indexed, never matched: its vulnerabilities are unknown, as for an image not scanned.
            return settings.AllowNotCovered
                ? PolicyDecision.Allow
                : PolicyDecision.Deny(
                    $"{repository}@{manifestDigest} was not matched against a vulnerability database (the server has none yet) and namespace " +
                    $"{repository.Namespace} prevents pulling images it cannot judge; load one with drydock db update, or set allowNotCovered");
        }

        var threshold = NamespaceScanSettings.Severities.ToList().IndexOf(settings.SeverityThreshold);
        var offending = NamespaceScanSettings.Severities
            .Skip(threshold)
            .Select(s => (Severity: s, Count: counts.GetValueOrDefault(s)))
            .Where(c => c.Count > 0)
            .ToList();
        if (offending.Count == 0)
        {
            return summary.NotCovered is { Count: > 0 } gaps && !settings.AllowNotCovered
                ? PolicyDecision.Deny(
                    $"{repository}@{manifestDigest} has packages no loaded vulnerability source covers ({string.Join(", ", gaps)}), so they were not checked, " +
                    $"and namespace {repository.Namespace} prevents pulling images it cannot judge; load a source for them, or set allowNotCovered; see {report}")
                : PolicyDecision.Allow;
        }

        var accepted = summary.Suppressed is { Count: > 0 } suppressed ? $" ({suppressed.Count} more accepted by the allowlist)" : string.Empty;
        return PolicyDecision.Deny(
            $"{repository}@{manifestDigest} has {string.Join(", ", offending.Select(o => $"{o.Count} {o.Severity}"))} vulnerabilities{accepted}, " +
            $"at or above the {settings.SeverityThreshold} threshold of namespace {repository.Namespace}; see {report}");
    }
}
