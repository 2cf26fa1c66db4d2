using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Versioning.SemVer;

/// <summary>
/// A parsed npm range: comparator sets joined by <c>||</c>, each set a conjunction of
/// <c>&lt; &lt;= &gt; &gt;= =</c> comparators, tested like node-semver's <c>Range.test</c>.
/// </summary>
internal sealed class NpmRange : IVersionRange
{
    private readonly IReadOnlyList<IReadOnlyList<NpmComparator>> _sets;
    private readonly bool _loose;
    private readonly bool _includePrerelease;

    public NpmRange(IReadOnlyList<IReadOnlyList<NpmComparator>> sets, bool loose, bool includePrerelease)
    {
        _sets = sets;
        _loose = loose;
        _includePrerelease = includePrerelease;
    }

    public bool Contains(ReadOnlySpan<char> version)
    {
        if (!NpmVersion.TryParseNoReason(version, _loose, out var parsed))
        {
            return false;
        }

        foreach (var set in _sets)
        {
            if (TestSet(set, parsed))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() =>
        string.Join(" || ", _sets.Select(set => string.Join(' ', set)));

    private bool TestSet(IReadOnlyList<NpmComparator> set, NpmVersion version)
    {
        foreach (var comparator in set)
        {
            if (!comparator.Test(version))
            {
                return false;
            }
        }

        if (!version.IsPrerelease || _includePrerelease)
        {
            return true;
        }

        // A pre-release only satisfies a set when some comparator names a pre-release of the same
        // [major, minor, patch]: ">1.2.3-alpha.3" admits 1.2.3-alpha.7 but not 3.4.5-alpha.9.
        foreach (var comparator in set)
        {
            if (!comparator.IsAny && comparator.Prerelease.Length > 0 && comparator.Version.SameTuple(version))
            {
                return true;
            }
        }

        return false;
    }
}
