namespace Drydock.Server.Api.V1;

/// <summary>The body of <c>POST /api/v1/namespaces/{ns}/immutability-rules</c>: glob patterns (<c>**</c>, <c>*</c>, <c>?</c>).</summary>
public sealed record CreateImmutabilityRuleRequest(string? Repositories, string? Tags);
