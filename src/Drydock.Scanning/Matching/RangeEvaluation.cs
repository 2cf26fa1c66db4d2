using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Scanning.Matching;

/// <summary>
/// OSV evaluation of a statement's ranges for the matcher: affected when the version is listed, or
/// lies in some range (introduced ≤ v, v &lt; fixed, v ≤ last_affected, v &lt; limit); the fix is the
/// lowest fixed version above the installed one among the ranges that contain it.
/// TODO(lead): route to AffectedRangeEvaluator (versions-os) once it is in main; the semantics are the same.
/// </summary>
internal static class RangeEvaluation
{
    public static bool IsAffected(IVersionScheme scheme, IReadOnlyList<AffectedRange> ranges, IReadOnlyList<string> versions, string version)
    {
        foreach (var listed in versions)
        {
            if (scheme.Compare(listed, version) == 0)
            {
                return true;
            }
        }

        foreach (var range in ranges)
        {
            if (Contains(scheme, range, version))
            {
                return true;
            }
        }

        return false;
    }

    public static string? LowestFixAbove(IVersionScheme scheme, IReadOnlyList<AffectedRange> ranges, string installed)
    {
        string? lowest = null;
        foreach (var range in ranges)
        {
            if (range.Fixed is { } fix && scheme.Compare(fix, installed) > 0 && Contains(scheme, range, installed)
                && (lowest is null || scheme.Compare(fix, lowest) < 0))
            {
                lowest = fix;
            }
        }

        return lowest;
    }

    public static bool Contains(IVersionScheme scheme, AffectedRange range, string version)
    {
        if (range.Introduced is { } introduced && introduced != "0" && scheme.Compare(version, introduced) < 0)
        {
            return false;
        }

        if (range.Fixed is { } fix && scheme.Compare(version, fix) >= 0)
        {
            return false;
        }

        if (range.LastAffected is { } last && scheme.Compare(version, last) > 0)
        {
            return false;
        }

        return range.Limit is not { } limit || limit == "*" || scheme.Compare(version, limit) < 0;
    }
}
