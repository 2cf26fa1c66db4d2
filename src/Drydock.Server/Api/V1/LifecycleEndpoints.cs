using Drydock.Data.Lifecycle;
using Drydock.Registry.Names;
using Drydock.Registry.Storage;
using Drydock.Server.Lifecycle;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Drydock.Server.Api.V1;

/// <summary>
/// Operating the registry: <c>DELETE /api/v1/repositories/{ns}/{repo}</c>, <c>DELETE /api/v1/namespaces/{ns}[?force=true]</c>,
/// <c>POST /api/v1/gc[?dryRun=true]</c>, immutability and retention rules per namespace and
/// <c>POST /api/v1/namespaces/{ns}/retention[?dryRun=true]</c>.
/// </summary>
internal static class LifecycleEndpoints
{
    public static IEndpointRouteBuilder MapLifecycleEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDelete("/api/v1/repositories/{**name}", DeleteRepositoryAsync);
        endpoints.MapDelete("/api/v1/namespaces/{name}", DeleteNamespaceAsync);
        endpoints.MapPost("/api/v1/gc", CollectGarbageAsync);
        var ns = endpoints.MapGroup("/api/v1/namespaces/{name}");
        ns.MapGet("/immutability-rules", ListImmutabilityRulesAsync);
        ns.MapPost("/immutability-rules", AddImmutabilityRuleAsync);
        ns.MapDelete("/immutability-rules/{id}", DeleteImmutabilityRuleAsync);
        ns.MapGet("/retention-rules", ListRetentionRulesAsync);
        ns.MapPost("/retention-rules", AddRetentionRuleAsync);
        ns.MapDelete("/retention-rules/{id}", DeleteRetentionRuleAsync);
        ns.MapPost("/retention", RunRetentionAsync);
        return endpoints;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteRepositoryAsync(string name, IRegistryStore registry, CancellationToken cancellationToken)
    {
        if (!RepositoryName.TryParse(name, out var repository))
        {
            return TypedResults.Problem($"'{name}' is not a repository name.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid repository");
        }

        return await registry.DeleteRepositoryAsync(repository.Value, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem($"There is no repository '{repository}'.", statusCode: StatusCodes.Status404NotFound, title: "Repository not found");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteNamespaceAsync(
        string name, bool? force, IRegistryStore registry, CancellationToken cancellationToken) =>
        await registry.DeleteNamespaceAsync(name, force ?? false, cancellationToken) switch
        {
            NamespaceDeletion.Deleted => TypedResults.NoContent(),
            NamespaceDeletion.NotEmpty => TypedResults.Problem(
                $"The namespace '{name}' still has repositories: delete them first, or ask for DELETE /api/v1/namespaces/{name}?force=true.",
                statusCode: StatusCodes.Status409Conflict,
                title: "Namespace not empty"),
            _ => NamespaceNotFound(name),
        };

    private static async Task<Ok<GarbageCollectionResponse>> CollectGarbageAsync(bool? dryRun, GarbageCollectionRunner runner, CancellationToken cancellationToken)
    {
        var report = await runner.RunAsync(dryRun ?? false, cancellationToken);
        return TypedResults.Ok(new GarbageCollectionResponse(
            report.DryRun,
            [.. report.Removed.Select(b => new GarbageCollectedBlob(b.Digest.ToString(), b.Size))],
            report.BytesRemoved,
            report.Referenced,
            report.TooRecent,
            report.Elapsed.TotalSeconds,
            report.LongestWriterBlock.TotalMilliseconds));
    }

    private static async Task<Results<Ok<IReadOnlyList<ImmutabilityRule>>, ProblemHttpResult>> ListImmutabilityRulesAsync(
        string name, IRegistryStore registry, ILifecycleStore store, CancellationToken cancellationToken) =>
        await registry.GetNamespaceAsync(name, cancellationToken) is null
            ? NamespaceNotFound(name)
            : TypedResults.Ok(await store.ListImmutabilityRulesAsync(name, cancellationToken));

    private static async Task<Results<Created<ImmutabilityRule>, ProblemHttpResult>> AddImmutabilityRuleAsync(
        string name, CreateImmutabilityRuleRequest? request, IRegistryStore registry, ILifecycleStore store, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (await registry.GetNamespaceAsync(name, cancellationToken) is null)
        {
            return NamespaceNotFound(name);
        }

        var repositories = request?.Repositories ?? "**";
        if (!TagPattern.IsValid(repositories) || !TagPattern.IsValid(request?.Tags))
        {
            return InvalidRule("repositories (default **) and tags must be non-empty glob patterns without spaces, e.g. {\"repositories\": \"app/**\", \"tags\": \"v*\"}.");
        }

        if ((await store.ListImmutabilityRulesAsync(name, cancellationToken)).Count >= MaxRulesPerNamespace)
        {
            return InvalidRule($"A namespace holds at most {MaxRulesPerNamespace} immutability rules; delete one first.");
        }

        var rule = new ImmutabilityRule(Guid.NewGuid().ToString("N")[..12], name, repositories, request!.Tags!, timeProvider.GetUtcNow());
        await store.AddImmutabilityRuleAsync(rule, cancellationToken);
        return TypedResults.Created($"/api/v1/namespaces/{name}/immutability-rules/{rule.Id}", rule);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteImmutabilityRuleAsync(string name, string id, ILifecycleStore store, CancellationToken cancellationToken) =>
        await store.DeleteImmutabilityRuleAsync(name, id, cancellationToken) ? TypedResults.NoContent() : RuleNotFound(name, id);

    private static async Task<Results<Ok<IReadOnlyList<RetentionRule>>, ProblemHttpResult>> ListRetentionRulesAsync(
        string name, IRegistryStore registry, ILifecycleStore store, CancellationToken cancellationToken) =>
        await registry.GetNamespaceAsync(name, cancellationToken) is null
            ? NamespaceNotFound(name)
            : TypedResults.Ok(await store.ListRetentionRulesAsync(name, cancellationToken));

    private static async Task<Results<Created<RetentionRule>, ProblemHttpResult>> AddRetentionRuleAsync(
        string name, CreateRetentionRuleRequest? request, IRegistryStore registry, ILifecycleStore store, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (await registry.GetNamespaceAsync(name, cancellationToken) is null)
        {
            return NamespaceNotFound(name);
        }

        var repositories = request?.Repositories ?? "**";
        var tags = request?.Tags ?? "**";
        var keep = request?.Keep;
        if (!TagPattern.IsValid(repositories) || !TagPattern.IsValid(tags))
        {
            return InvalidRule("repositories and tags (default ** each) must be glob patterns without spaces.");
        }

        var problem = keep switch
        {
            RetentionRunner.KeepMostRecent when request!.Count is not > 0 || request.Days is not null => "most-recent needs count (1 or more) and no days.",
            RetentionRunner.KeepPushedWithin or RetentionRunner.KeepPulledWithin when request!.Days is not > 0 || request.Count is not null => $"{keep} needs days (1 or more) and no count.",
            RetentionRunner.KeepMatching when request!.Count is not null || request.Days is not null => "matching keeps every tag the pattern matches: give neither count nor days.",
            RetentionRunner.KeepMostRecent or RetentionRunner.KeepPushedWithin or RetentionRunner.KeepPulledWithin or RetentionRunner.KeepMatching => null,
            _ => $"keep must be one of {string.Join(", ", RetentionRunner.KeepKinds)}, not '{keep}'.",
        };
        if (problem is not null)
        {
            return InvalidRule(problem);
        }

        if ((await store.ListRetentionRulesAsync(name, cancellationToken)).Count >= MaxRulesPerNamespace)
        {
            return InvalidRule($"A namespace holds at most {MaxRulesPerNamespace} retention rules; delete one first.");
        }

        var rule = new RetentionRule(Guid.NewGuid().ToString("N")[..12], name, repositories, tags, keep!, request!.Count, request.Days, timeProvider.GetUtcNow());
        await store.AddRetentionRuleAsync(rule, cancellationToken);
        return TypedResults.Created($"/api/v1/namespaces/{name}/retention-rules/{rule.Id}", rule);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteRetentionRuleAsync(string name, string id, ILifecycleStore store, CancellationToken cancellationToken) =>
        await store.DeleteRetentionRuleAsync(name, id, cancellationToken) ? TypedResults.NoContent() : RuleNotFound(name, id);

    private static async Task<Results<Ok<RetentionReport>, ProblemHttpResult>> RunRetentionAsync(
        string name, bool? dryRun, IRegistryStore registry, RetentionRunner runner, CancellationToken cancellationToken) =>
        await registry.GetNamespaceAsync(name, cancellationToken) is null
            ? NamespaceNotFound(name)
            : TypedResults.Ok(await runner.RunAsync(name, dryRun ?? false, cancellationToken));

    // Rules are checked on every push and retention run, and each pattern is compiled once and kept: their number is
    // what bounds that work and memory, not the 1 MiB of one request.
    private const int MaxRulesPerNamespace = 100;

    private static ProblemHttpResult NamespaceNotFound(string name) =>
        TypedResults.Problem($"There is no namespace '{name}'.", statusCode: StatusCodes.Status404NotFound, title: "Namespace not found");

    private static ProblemHttpResult RuleNotFound(string name, string id) =>
        TypedResults.Problem($"The namespace '{name}' has no rule '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Rule not found");

    private static ProblemHttpResult InvalidRule(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid rule");
}
