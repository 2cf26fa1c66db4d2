using System.Text.Json;
using Drydock.Data.Scans;
using Drydock.Registry.Manifests;
using Drydock.Registry.Names;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Indexing;
using Drydock.Scanning.Matching;
using Drydock.Scanning.Reports;
using Drydock.Server.Integration;
using Drydock.Server.Policies;

namespace Drydock.Server.Api.V1;

/// <summary>
/// <c>GET /api/v1/reports?repository=NS/REPO&amp;reference=TAG|DIGEST[&amp;format=json|cyclonedx|spdx]</c>: the stored
/// inventory of a scanned image, matched against the server's advisory database when it has one (json, cyclonedx and
/// sarif are then vulnerability reports; spdx is the inventory), else written by the inventory writers.
/// </summary>
internal static class ReportEndpoints
{
    // Inventories are stored in the engine's own (default) JSON shape.
    private static readonly JsonSerializerOptions InventoryJson = new();

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/reports", GetAsync);
        return endpoints;
    }

    private static async Task<IResult> GetAsync(
        HttpContext context, string? repository, string? reference, string? format, ManifestService manifests, IScanStore scans, ServerMatcher matcher, ImagePolicy policy, TimeProvider timeProvider)
    {
        var cancellationToken = context.RequestAborted;
        if (!RepositoryName.TryParse(repository, out var name))
        {
            return TypedResults.Problem($"'{repository}' is not a repository name.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid repository");
        }

        if (!ManifestReference.TryParse(reference, out var parsed))
        {
            return TypedResults.Problem($"'{reference}' is neither a tag nor a digest.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid reference");
        }

        format ??= "json";
        var vulnerabilityMatcher = matcher.Matcher;
        IVulnerabilityReportWriter? reportWriter = null;
        IInventoryWriter? inventoryWriter = null;
        if (!(vulnerabilityMatcher is not null && VulnerabilityReportWriters.TryGet(format, timeProvider, out reportWriter))
            && !InventoryWriters.TryGet(format, timeProvider, out inventoryWriter))
        {
            return TypedResults.Problem(
                $"'{format}' is not a report format here; use one of {string.Join(", ", (vulnerabilityMatcher is null ? [] : VulnerabilityReportWriters.Formats).Union(InventoryWriters.Formats))}.",
                statusCode: StatusCodes.Status400BadRequest,
                title: "Unknown format");
        }

        var found = await manifests.GetAsync(name, parsed, cancellationToken);
        if (!found.Succeeded)
        {
            return TypedResults.Problem($"{name} has no manifest {parsed}.", statusCode: StatusCodes.Status404NotFound, title: "Manifest not found");
        }

        var result = await scans.GetResultAsync(name.Value, found.Value.Digest.ToString(), cancellationToken);
        if (result is not { Status: ScanStatus.Success or ScanStatus.NoDatabase, InventoryJson: { } inventoryJson })
        {
            return TypedResults.Problem(
                $"{name}@{found.Value.Digest} has no successful scan{(result is null ? string.Empty : $" (last: {result.Status} {result.Reason})")}; start one with POST /api/v1/scans.",
                statusCode: StatusCodes.Status404NotFound,
                title: "No report");
        }

        var inventories = JsonSerializer.Deserialize<List<ImageInventory>>(inventoryJson, InventoryJson) ?? [];
        var platform = context.Request.Query["platform"].ToString();
        var inventory = inventories.FirstOrDefault(i => platform.Length == 0 || i.Platform == platform);
        if (inventory is null)
        {
            return TypedResults.Problem(
                $"{name}@{found.Value.Digest} has no scanned platform {platform}; it has {string.Join(", ", inventories.Select(i => i.Platform))}.",
                statusCode: StatusCodes.Status404NotFound,
                title: "No report");
        }

        using var buffer = new MemoryStream();
        if (reportWriter is not null)
        {
            // Findings are matched now against the index in force, so a report is as current as the database.
            var matched = await vulnerabilityMatcher!.MatchAsync(inventory.Distribution, inventory.Packages, cancellationToken);
            var findings = Allowlisted(matched.Findings, name.Namespace, await policy.GetAllowlistAsync(name.Namespace, cancellationToken));
            var summary = FindingBuilder.Summarize(findings) with { NotCovered = matched.Summary.NotCovered };
            await reportWriter.WriteAsync(new VulnerabilityReport(inventory, findings, summary, matched.DatabaseVersion), buffer, cancellationToken);
        }
        else
        {
            await inventoryWriter!.WriteAsync(inventory, buffer, cancellationToken);
        }

        return TypedResults.Bytes(buffer.ToArray(), "application/json");
    }

    // Accepted findings stay in the report, marked with the entry that accepts them, instead of vanishing.
    private static List<Finding> Allowlisted(IReadOnlyList<Finding> findings, string namespaceName, ActiveAllowlist allowlist) =>
    [
        .. findings.Select(f => allowlist.Match(f.VulnerabilityId, f.Aliases) is { } entry
            ? f with
            {
                Suppression = $"allowlisted in namespace {namespaceName} as {entry.VulnerabilityId} by {entry.AddedBy}: {entry.Reason}"
                              + (entry.ExpiresAt is { } expires ? $" (until {expires.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ})" : string.Empty),
            }
            : f),
    ];
}
