using System.Text.Json;

namespace Drydock.Server.Api.V1;

/// <summary>A namespace as <c>/api/v1/namespaces</c> returns it.</summary>
public sealed record NamespaceResponse(string Name, DateTimeOffset CreatedAt, int RepositoryCount, JsonElement Settings);
