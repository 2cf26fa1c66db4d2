namespace Drydock.Scanning.Abstractions.Advisories;

/// <summary>Which rule decided that a feed statement applies to an installed package; with the statement,
/// the installed version and the fixed version it is the evidence of a finding, put into words only when a
/// report shows it.</summary>
public enum MatchDecision
{
    /// <summary>The vendor states the package is not affected.</summary>
    VendorNotAffected = 0,

    /// <summary>Every version is affected and the vendor will not fix it.</summary>
    AllVersionsWillNotFix = 1,

    /// <summary>The vendor has not decided yet; treated as affected without a fix.</summary>
    Undetermined = 2,

    /// <summary>Every version is affected and there is no fix yet.</summary>
    AllVersionsAffected = 3,

    /// <summary>The installed version is in an affected range and no fixed version is above it.</summary>
    InRangeWithoutFix = 4,

    /// <summary>The installed version is below a fixed version that ends the range it is in.</summary>
    BelowFix = 5,
}
