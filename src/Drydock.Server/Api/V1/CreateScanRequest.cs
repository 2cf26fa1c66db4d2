namespace Drydock.Server.Api.V1;

/// <summary>The body of <c>POST /api/v1/scans</c>: a repository and a tag or digest in it.</summary>
public sealed record CreateScanRequest(string? Repository, string? Reference);
