namespace Drydock.Ecosystems.AdvisoryFormats.UpdateInfo;

/// <summary>One <c>&lt;update&gt;</c> of a yum/dnf <c>updateinfo.xml</c>, as the document states it.</summary>
/// <param name="Id">The advisory id (ALAS2023-2023-001, FEDORA-…, RHSA-…).</param>
/// <param name="Type">security, bugfix, enhancement or newpackage.</param>
/// <param name="Status">Usually "final".</param>
/// <param name="Title">The one-line title.</param>
/// <param name="Severity">The vendor's severity word, if any.</param>
/// <param name="Description">The description text.</param>
/// <param name="Issued">When the advisory was issued.</param>
/// <param name="Updated">When it was last updated.</param>
/// <param name="References">The references (CVE, bugzilla, self).</param>
/// <param name="Packages">The fixed packages of every collection.</param>
internal sealed record UpdateInfoRecord(
    string Id,
    string? Type,
    string? Status,
    string? Title,
    string? Severity,
    string? Description,
    DateTimeOffset? Issued,
    DateTimeOffset? Updated,
    IReadOnlyList<UpdateInfoReference> References,
    IReadOnlyList<UpdateInfoPackage> Packages);
