namespace Drydock.Data.Allowlists;

/// <summary>One allowlisted vulnerability of a namespace.</summary>
/// <param name="Namespace">The namespace it applies to.</param>
/// <param name="VulnerabilityId">The vulnerability id; a finding matches when this is its id or one of its aliases.</param>
/// <param name="Reason">Why the vulnerability is accepted.</param>
/// <param name="AddedBy">Who added it, as the request said (there are no accounts yet).</param>
/// <param name="AddedAt">When it was added or last replaced.</param>
/// <param name="ExpiresAt">When it stops applying; null for never.</param>
public sealed record AllowlistEntry(
    string Namespace,
    string VulnerabilityId,
    string Reason,
    string AddedBy,
    DateTimeOffset AddedAt,
    DateTimeOffset? ExpiresAt)
{
    /// <summary>Whether the entry applies at <paramref name="now"/>: it has no expiry, or the expiry is still ahead.</summary>
    public bool AppliesAt(DateTimeOffset now) => ExpiresAt is not { } expires || now < expires;
}
