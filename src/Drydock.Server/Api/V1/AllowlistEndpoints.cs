using System.Globalization;
using System.Text.Json;
using Drydock.Data.Allowlists;
using Drydock.Oci.Json;
using Drydock.Registry.Storage;
using Drydock.Server.Policies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Drydock.Server.Api.V1;

/// <summary>
/// The CVE allowlist of a namespace: <c>GET|POST /api/v1/namespaces/{ns}/allowlist</c> and
/// <c>GET|PUT|DELETE /api/v1/namespaces/{ns}/allowlist/{id}</c>. A body is
/// <c>{"vulnerabilityId", "reason", "expiresAt"?, "addedBy"?}</c> (PUT takes the id from the path); there are no
/// accounts yet, so <c>addedBy</c> is what the request says, "anonymous" when it says nothing.
/// </summary>
internal static class AllowlistEndpoints
{
    public const string Anonymous = "anonymous";

    private const int MaxReasonLength = 4096;

    public static IEndpointRouteBuilder MapAllowlistEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/namespaces/{name}/allowlist");
        group.MapGet("/", ListAsync);
        group.MapPost("/", PostAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPut("/{id}", PutAsync);
        group.MapDelete("/{id}", DeleteAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<List<AllowlistEntryResponse>>, ProblemHttpResult>> ListAsync(
        string name, IRegistryStore registry, IAllowlistStore allowlists, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (await registry.GetNamespaceAsync(name, cancellationToken) is null)
        {
            return NamespaceNotFound(name);
        }

        var now = timeProvider.GetUtcNow();
        return TypedResults.Ok((await allowlists.ListAsync(name, cancellationToken)).Select(e => ToResponse(e, now)).ToList());
    }

    private static async Task<Results<Ok<AllowlistEntryResponse>, ProblemHttpResult>> GetAsync(
        string name, string id, IRegistryStore registry, IAllowlistStore allowlists, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (await registry.GetNamespaceAsync(name, cancellationToken) is null)
        {
            return NamespaceNotFound(name);
        }

        if (!VulnerabilityIds.TryNormalize(id, out var normalized, out var error))
        {
            return Invalid(error);
        }

        var entry = await allowlists.GetAsync(name, normalized, cancellationToken);
        return entry is null ? EntryNotFound(name, normalized) : TypedResults.Ok(ToResponse(entry, timeProvider.GetUtcNow()));
    }

    private static Task<IResult> PostAsync(
        string name, HttpRequest request, IRegistryStore registry, IAllowlistStore allowlists, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        SaveAsync(name, null, request, registry, allowlists, timeProvider, cancellationToken);

    private static Task<IResult> PutAsync(
        string name, string id, HttpRequest request, IRegistryStore registry, IAllowlistStore allowlists, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        SaveAsync(name, id, request, registry, allowlists, timeProvider, cancellationToken);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string name, string id, IRegistryStore registry, IAllowlistStore allowlists, CancellationToken cancellationToken)
    {
        if (await registry.GetNamespaceAsync(name, cancellationToken) is null)
        {
            return NamespaceNotFound(name);
        }

        if (!VulnerabilityIds.TryNormalize(id, out var normalized, out var error))
        {
            return Invalid(error);
        }

        return await allowlists.DeleteAsync(name, normalized, cancellationToken) ? TypedResults.NoContent() : EntryNotFound(name, normalized);
    }

    // POST and PUT: both add or replace; the answer is 201 for a new entry, 200 for a replaced one.
    private static async Task<IResult> SaveAsync(
        string name, string? pathId, HttpRequest request, IRegistryStore registry, IAllowlistStore allowlists, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (await registry.GetNamespaceAsync(name, cancellationToken) is null)
        {
            return NamespaceNotFound(name);
        }

        JsonElement body;
        try
        {
            using var document = await StrictJson.ParseAsync(request.Body, cancellationToken);
            body = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return Invalid($"The body is not JSON: {e.Message}");
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return Invalid("The body must be a JSON object {vulnerabilityId, reason, expiresAt?, addedBy?}.");
        }

        var bodyId = Text(body, "vulnerabilityId");
        if (pathId is not null && bodyId is not null && !string.Equals(bodyId.Trim(), pathId.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return Invalid($"vulnerabilityId '{bodyId}' in the body differs from '{pathId}' in the path.");
        }

        if (!VulnerabilityIds.TryNormalize(pathId ?? bodyId, out var id, out var idError))
        {
            return Invalid(idError);
        }

        var reason = Text(body, "reason")?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength)
        {
            return Invalid($"reason is required (1 to {MaxReasonLength} characters): say why the vulnerability is accepted.");
        }

        var addedBy = Text(body, "addedBy")?.Trim();
        if (addedBy is { Length: > 256 })
        {
            return Invalid("addedBy must be at most 256 characters.");
        }

        var now = timeProvider.GetUtcNow();
        DateTimeOffset? expiresAt = null;
        if (body.TryGetProperty("expiresAt", out var expiry) && expiry.ValueKind != JsonValueKind.Null)
        {
            // A time without an offset is read as UTC, so "2027-01-01" means the same on every server.
            if (expiry.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParse(expiry.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return Invalid("expiresAt must be an ISO 8601 date or time, e.g. 2027-01-31T00:00:00Z.");
            }

            if (parsed <= now)
            {
                return Invalid($"expiresAt {parsed:O} is not in the future (now is {now:O}).");
            }

            expiresAt = parsed.ToUniversalTime();
        }

        var entry = new AllowlistEntry(name, id, reason, string.IsNullOrEmpty(addedBy) ? Anonymous : addedBy, now, expiresAt);
        var created = await allowlists.UpsertAsync(entry, cancellationToken);
        var response = ToResponse(entry, now);
        return created
            ? TypedResults.Created($"/api/v1/namespaces/{name}/allowlist/{Uri.EscapeDataString(id)}", response)
            : TypedResults.Ok(response);
    }

    private static string? Text(JsonElement body, string member) =>
        body.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static AllowlistEntryResponse ToResponse(AllowlistEntry entry, DateTimeOffset now) =>
        new(entry.VulnerabilityId, entry.Reason, entry.AddedBy, entry.AddedAt, entry.ExpiresAt, entry.AppliesAt(now));

    private static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid allowlist entry");

    private static ProblemHttpResult NamespaceNotFound(string name) =>
        TypedResults.Problem($"There is no namespace '{name}'.", statusCode: StatusCodes.Status404NotFound, title: "Namespace not found");

    private static ProblemHttpResult EntryNotFound(string name, string id) =>
        TypedResults.Problem($"Namespace '{name}' has no allowlist entry for {id}.", statusCode: StatusCodes.Status404NotFound, title: "Allowlist entry not found");
}
