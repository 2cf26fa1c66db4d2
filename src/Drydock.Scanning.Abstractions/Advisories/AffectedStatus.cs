namespace Drydock.Scanning.Abstractions.Advisories;

/// <summary>What a feed says about a package.</summary>
public enum AffectedStatus
{
    /// <summary>Affected in the listed ranges; a range without a fix means no fix yet.</summary>
    Affected = 0,

    /// <summary>The vendor will not fix it in this release.</summary>
    WillNotFix = 1,

    /// <summary>The vendor states the package is not affected (a VEX not_affected statement).</summary>
    NotAffected = 2,

    /// <summary>The vendor has not decided yet (Debian undetermined, Ubuntu needs-triage).</summary>
    Undetermined = 3,
}
