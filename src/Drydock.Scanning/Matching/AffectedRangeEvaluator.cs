using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Scanning.Matching;

/// <summary>
/// Decides whether a version is affected by an advisory's ranges, following the OSV evaluation
/// algorithm (https://ossf.github.io/osv-schema/#evaluation), with any <see cref="IVersionScheme"/>.
/// </summary>
/// <remarks>
/// Each <see cref="AffectedRange"/> is one interval: from <see cref="AffectedRange.Introduced"/> (inclusive;
/// null or "0" is the beginning) to <see cref="AffectedRange.Fixed"/> (exclusive) or
/// <see cref="AffectedRange.LastAffected"/> (inclusive), or unbounded above when it has neither, and below
/// <see cref="AffectedRange.Limit"/> when one is given ("*" is no limit). A version is affected when it is
/// in any interval or equals one of the listed versions. An OSV range's event list, which may be unsorted,
/// becomes such intervals with <see cref="FromEvents"/>: the events are sorted with the scheme and swept
/// once, which gives the same answer as OSV's per-version sweep. Ranges in native notation
/// (<see cref="AffectedRange.Expression"/>) need the ecosystem's range syntax and are not evaluated here.
/// </remarks>
public static class AffectedRangeEvaluator
{
    /// <summary>OSV event names, as the keys <see cref="FromEvents"/> takes.</summary>
    public const string Introduced = "introduced";

    /// <summary>The OSV <c>fixed</c> event.</summary>
    public const string Fixed = "fixed";

    /// <summary>The OSV <c>last_affected</c> event.</summary>
    public const string LastAffected = "last_affected";

    /// <summary>The OSV <c>limit</c> event.</summary>
    public const string Limit = "limit";

    /// <summary>True when <paramref name="version"/> is in one of <paramref name="ranges"/> or listed in <paramref name="versions"/>.</summary>
    public static bool IsAffected(IVersionScheme scheme, IReadOnlyList<AffectedRange> ranges, IReadOnlyList<string> versions, string version)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(version);
        // Indexed loops: foreach over an IReadOnlyList allocates an enumerator, and matching calls this for
        // every statement about every installed package.
        for (var i = 0; i < versions.Count; i++)
        {
            if (scheme.Compare(versions[i], version) == 0)
            {
                return true;
            }
        }

        for (var i = 0; i < ranges.Count; i++)
        {
            if (Contains(scheme, ranges[i], version))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="version"/> is in the interval <paramref name="range"/> describes.</summary>
    public static bool Contains(IVersionScheme scheme, AffectedRange range, string version)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(range);
        if (range.Expression is not null && range.Introduced is null && range.Fixed is null && range.LastAffected is null)
        {
            return false;
        }

        if (!IsBeginning(range.Introduced) && scheme.Compare(version, range.Introduced) < 0)
        {
            return false;
        }

        if (range.Fixed is not null && scheme.Compare(version, range.Fixed) >= 0)
        {
            return false;
        }

        if (range.LastAffected is not null && scheme.Compare(version, range.LastAffected) > 0)
        {
            return false;
        }

        return range.Limit is null or "*" || scheme.Compare(version, range.Limit) < 0;
    }

    /// <summary>
    /// The lowest <see cref="AffectedRange.Fixed"/> version above <paramref name="installed"/> that no range
    /// still covers, or null when there is none. A fix of one branch that another, overlapping range still
    /// affects is not an upgrade target, so it is skipped.
    /// </summary>
    public static string? LowestFixAbove(IVersionScheme scheme, IReadOnlyList<AffectedRange> ranges, string installed)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(ranges);
        string? lowest = null;
        for (var i = 0; i < ranges.Count; i++)
        {
            if (ranges[i].Fixed is { } candidate
                && scheme.Compare(candidate, installed) > 0
                && (lowest is null || scheme.Compare(candidate, lowest) < 0)
                && !IsAffected(scheme, ranges, [], candidate))
            {
                lowest = candidate;
            }
        }

        return lowest;
    }

    /// <summary>
    /// Turns one OSV range's events (<c>introduced</c>, <c>fixed</c>, <c>last_affected</c>, <c>limit</c>, in
    /// any order) into intervals: events sorted by version, "introduced: 0" first, then swept; an
    /// <c>introduced</c> opens an interval unless one is open, a <c>fixed</c> or <c>last_affected</c> closes
    /// it, and an interval still open at the end is unbounded. Limits (the highest wins, since a version
    /// below any limit passes OSV's check) apply to every interval.
    /// </summary>
    public static IReadOnlyList<AffectedRange> FromEvents(IVersionScheme scheme, IEnumerable<KeyValuePair<string, string>> events, string type = "ECOSYSTEM")
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(events);
        var list = events.ToList();
        string? limit = null;
        foreach (var (kind, value) in list)
        {
            if (kind == Limit && (limit is null || value == "*" || (limit != "*" && scheme.Compare(value, limit) > 0)))
            {
                limit = value;
            }
        }

        var sorted = list
            .Where(e => e.Key is Introduced or Fixed or LastAffected)
            .Order(Comparer<KeyValuePair<string, string>>.Create((a, b) => CompareEvents(scheme, a, b)))
            .ToList();
        var result = new List<AffectedRange>();
        string? open = null;
        var isOpen = false;
        foreach (var (kind, value) in sorted)
        {
            if (kind == Introduced)
            {
                if (!isOpen)
                {
                    open = value;
                    isOpen = true;
                }
            }
            else if (isOpen)
            {
                result.Add(new AffectedRange
                {
                    Introduced = open,
                    Fixed = kind == Fixed ? value : null,
                    LastAffected = kind == LastAffected ? value : null,
                    Limit = limit,
                    Type = type,
                });
                isOpen = false;
            }
        }

        if (isOpen)
        {
            result.Add(new AffectedRange { Introduced = open, Limit = limit, Type = type });
        }

        return result;
    }

    private static bool IsBeginning(string? introduced) => introduced is null or "0";

    private static int CompareEvents(IVersionScheme scheme, KeyValuePair<string, string> a, KeyValuePair<string, string> b)
    {
        var aZero = a.Key == Introduced && a.Value == "0";
        var bZero = b.Key == Introduced && b.Value == "0";
        if (aZero || bZero)
        {
            return aZero == bZero ? 0 : aZero ? -1 : 1;
        }

        var result = scheme.Compare(a.Value, b.Value);
        if (result != 0)
        {
            return result;
        }

        // At one version, close before opening: "fixed: 1.0, introduced: 1.0" leaves 1.0 affected, as
        // OSV's sweep (the later event wins) does when the events are listed in that order.
        return Rank(a.Key).CompareTo(Rank(b.Key));
    }

    private static int Rank(string kind) => kind switch
    {
        Fixed => 0,
        LastAffected => 1,
        _ => 2,
    };
}
