using System.Text.Json;
using System.Text.Json.Nodes;
using Drydock.Registry.Names;
using Drydock.Registry.Namespaces;
using Drydock.Registry.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Drydock.Server.Api.V1;

/// <summary><c>GET|POST /api/v1/namespaces</c> and <c>GET /api/v1/namespaces/{ns}</c>; errors are ProblemDetails.</summary>
internal static class NamespaceEndpoints
{
    public static IEndpointRouteBuilder MapNamespaceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/namespaces");
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapGet("/{name}", GetAsync);
        return endpoints;
    }

    private static async Task<Ok<List<NamespaceResponse>>> ListAsync(NamespaceService namespaces, CancellationToken cancellationToken)
    {
        var all = await namespaces.ListAsync(cancellationToken);
        return TypedResults.Ok(all.Select(ToResponse).ToList());
    }

    private static async Task<Results<Ok<NamespaceResponse>, ProblemHttpResult>> GetAsync(string name, NamespaceService namespaces, CancellationToken cancellationToken)
    {
        var found = await namespaces.GetAsync(name, cancellationToken);
        return found is null
            ? TypedResults.Problem($"There is no namespace '{name}'.", statusCode: StatusCodes.Status404NotFound, title: "Namespace not found")
            : TypedResults.Ok(ToResponse(found));
    }

    private static async Task<Results<Created<NamespaceResponse>, ProblemHttpResult>> CreateAsync(
        CreateNamespaceRequest? request, NamespaceService namespaces, CancellationToken cancellationToken)
    {
        var name = request?.Name;
        if (!RepositoryName.IsValidComponent(name))
        {
            return TypedResults.Problem(
                $"'{name}' is not a namespace name: use lowercase letters and digits, separated by '.', '_', '__' or '-'.",
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid namespace name");
        }

        var settings = new JsonObject();
        if (request!.Settings is { } requested && NamespaceSettingsPatch.Apply(settings, requested) is { } error)
        {
            return TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "Invalid namespace settings");
        }

        if (!await namespaces.CreateAsync(name, settings.ToJsonString(), cancellationToken))
        {
            return TypedResults.Problem($"The namespace '{name}' already exists.", statusCode: StatusCodes.Status409Conflict, title: "Namespace exists");
        }

        var created = await namespaces.GetAsync(name, cancellationToken);
        return TypedResults.Created($"/api/v1/namespaces/{name}", ToResponse(created!));
    }

    private static NamespaceResponse ToResponse(NamespaceRecord record)
    {
        return new NamespaceResponse(
            record.Name, record.CreatedAt, record.RepositoryCount, JsonSerializer.SerializeToElement(NamespaceSettingsPatch.KnownOnly(record.SettingsJson)));
    }
}
