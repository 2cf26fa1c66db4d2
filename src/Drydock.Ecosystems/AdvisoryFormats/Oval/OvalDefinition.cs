namespace Drydock.Ecosystems.AdvisoryFormats.Oval;

/// <summary>One OVAL <c>&lt;definition&gt;</c> reduced to what matching needs: its metadata and, from its
/// criteria resolved through tests, objects and states, the packages each platform must have at least.</summary>
/// <param name="Id">The definition id (oval:com.oracle.elsa:def:20230001).</param>
/// <param name="Class">patch, vulnerability, inventory …</param>
/// <param name="Title">The title.</param>
/// <param name="Description">The description.</param>
/// <param name="Severity">The advisory severity word, if any.</param>
/// <param name="Issued">The advisory's issue date, if any.</param>
/// <param name="References">Every <c>reference</c> (source, ref_id, ref_url).</param>
/// <param name="Cves">The CVE ids the advisory names (<c>advisory/cve</c> and CVE references).</param>
/// <param name="Fixes">Per alternative of the criteria: the platform it requires and the packages below
/// whose EVR it is true.</param>
internal sealed record OvalDefinition(
    string Id,
    string? Class,
    string? Title,
    string? Description,
    string? Severity,
    DateTimeOffset? Issued,
    IReadOnlyList<(string Source, string Id, string? Url)> References,
    IReadOnlyList<string> Cves,
    IReadOnlyList<OvalFix> Fixes);
