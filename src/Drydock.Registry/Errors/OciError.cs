namespace Drydock.Registry.Errors;

/// <summary>One entry of an OCI error body: <c>{"code":…,"message":…,"detail":…}</c>.</summary>
public sealed record OciError(OciErrorCode Code, string Message, string? Detail);
