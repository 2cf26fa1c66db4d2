using System.Text.Json;

namespace Drydock.Server.Api.V1;

/// <summary>The body of <c>POST /api/v1/namespaces</c>.</summary>
public sealed record CreateNamespaceRequest(string? Name, JsonElement? Settings);
