namespace Drydock.Data.Lifecycle;

/// <summary>Tags of the namespace's repositories matching both patterns cannot move to another manifest or be deleted.</summary>
public sealed record ImmutabilityRule(string Id, string Namespace, string RepositoryPattern, string TagPattern, DateTimeOffset CreatedAt);
