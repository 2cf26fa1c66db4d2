namespace Drydock.Data.Lifecycle;

/// <summary>
/// Which tags of the repositories matching <see cref="RepositoryPattern"/> a retention run keeps: those matching
/// <see cref="TagPattern"/> that are among the <see cref="Count"/> most recently pushed (<c>most-recent</c>), pushed or
/// pulled within <see cref="Days"/> days (<c>pushed-within</c>, <c>pulled-within</c>), or all of them (<c>matching</c>).
/// </summary>
public sealed record RetentionRule(
    string Id, string Namespace, string RepositoryPattern, string TagPattern, string Keep, int? Count, int? Days, DateTimeOffset CreatedAt);
