using Drydock.Data.Allowlists;

namespace Drydock.Server.Policies;

/// <summary>
/// The allowlist entries of a namespace that apply at one instant: expired entries are left out here, when a decision
/// is made, so an entry stops applying the moment its expiry passes (no clean-up job is involved).
/// </summary>
internal sealed class ActiveAllowlist
{
    private readonly Dictionary<string, AllowlistEntry> _byId;

    public ActiveAllowlist(IEnumerable<AllowlistEntry> entries, DateTimeOffset now)
    {
        _byId = entries.Where(e => e.AppliesAt(now)).ToDictionary(e => e.VulnerabilityId, StringComparer.OrdinalIgnoreCase);
    }

    public static ActiveAllowlist Empty { get; } = new([], DateTimeOffset.MinValue);

    public bool IsEmpty => _byId.Count == 0;

    /// <summary>The entry that accepts a finding: one naming its id, else one naming any of its aliases (GHSA ↔ CVE).</summary>
    public AllowlistEntry? Match(string id, IEnumerable<string> aliases)
    {
        if (_byId.TryGetValue(id, out var entry))
        {
            return entry;
        }

        foreach (var alias in aliases)
        {
            if (_byId.TryGetValue(alias, out entry))
            {
                return entry;
            }
        }

        return null;
    }
}
