namespace Drydock.Server.Api.V1;

/// <summary>
/// The body of <c>POST /api/v1/namespaces/{ns}/retention-rules</c>: which repositories and tags (glob patterns), and
/// which of those to keep: <c>most-recent</c> (<see cref="Count"/>), <c>pushed-within</c> or <c>pulled-within</c>
/// (<see cref="Days"/>), or <c>matching</c> (every tag the pattern matches).
/// </summary>
public sealed record CreateRetentionRuleRequest(string? Repositories, string? Tags, string? Keep, int? Count, int? Days);
