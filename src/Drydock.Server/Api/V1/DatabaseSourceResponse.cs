namespace Drydock.Server.Api.V1;

/// <summary>One advisory source as the database records it (what <c>drydock db status</c> prints).</summary>
public sealed record DatabaseSourceResponse(string Source, DateTimeOffset? LastSuccess, DateTimeOffset? LastAttempt, int Records, string? Error);
