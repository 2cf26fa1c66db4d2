namespace Drydock.Server.Policies;

/// <summary>What a namespace's policy says about one manifest: allowed, or denied with a sentence saying why.</summary>
/// <param name="Allowed">Whether the manifest may be pulled or run.</param>
/// <param name="Reason">Why it is denied (counts, report link, or "not scanned yet"); null when allowed.</param>
internal sealed record PolicyDecision(bool Allowed, string? Reason)
{
    public static PolicyDecision Allow { get; } = new(true, null);

    public static PolicyDecision Deny(string reason) => new(false, reason);
}
