namespace Drydock.Data.Lifecycle;

/// <summary>How often and when last a manifest of a repository was pulled.</summary>
public sealed record PullStatistic(string Repository, string Digest, long Count, DateTimeOffset LastPulledAt);
