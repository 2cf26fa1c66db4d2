namespace Drydock.Server.Lifecycle;

/// <summary>What a retention run of one namespace removed (or would remove) and kept.</summary>
public sealed record RetentionReport(
    string Namespace, bool DryRun, IReadOnlyList<RetentionCandidate> Removed, int Kept, IReadOnlyList<string> KeptImmutable);
