namespace Drydock.Scanning.Abstractions.Advisories;

/// <summary>What a finding means for the person who has to act on it.</summary>
public enum FindingStatus
{
    /// <summary>Affected, and a fixed version exists: upgrade to it.</summary>
    Fixed = 0,

    /// <summary>Affected, and no fixed version exists yet (or the vendor has not decided).</summary>
    Affected = 1,

    /// <summary>Affected, and the vendor will not fix it in this release.</summary>
    WillNotFix = 2,

    /// <summary>The vendor states the package is not affected; suppressed unless asked for.</summary>
    NotAffected = 3,
}
