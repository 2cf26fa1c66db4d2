namespace Drydock.Ecosystems.Versioning.SemVer;

/// <summary>One node-semver comparator: an operator and a version, or "any" (the empty comparator).</summary>
internal sealed class NpmComparator
{
    private readonly long _major;
    private readonly long _minor;
    private readonly long _patch;

    private NpmComparator(string op, long major, long minor, long patch, string prerelease, bool isAny)
    {
        Operator = op;
        _major = major;
        _minor = minor;
        _patch = patch;
        Prerelease = prerelease;
        IsAny = isAny;
    }

    /// <summary>The comparator that every version satisfies.</summary>
    public static NpmComparator Any { get; } = new(string.Empty, 0, 0, 0, string.Empty, isAny: true);

    /// <summary>"", "&lt;", "&lt;=", "&gt;" or "&gt;=" ("=" is stored as "").</summary>
    public string Operator { get; }

    public string Prerelease { get; }

    public bool IsAny { get; }

    public NpmVersion Version => NpmVersion.Create(_major, _minor, _patch, Prerelease);

    public static NpmComparator Create(string op, NpmVersion version) =>
        new(op == "=" ? string.Empty : op, version.Major, version.Minor, version.Patch, version.Prerelease.ToString(), isAny: false);

    public bool Test(NpmVersion version)
    {
        if (IsAny)
        {
            return true;
        }

        var result = version.CompareTo(Version);
        return Operator switch
        {
            "<" => result < 0,
            "<=" => result <= 0,
            ">" => result > 0,
            ">=" => result >= 0,
            _ => result == 0,
        };
    }

    public override string ToString() =>
        IsAny ? "*" : $"{Operator}{_major}.{_minor}.{_patch}{(Prerelease.Length > 0 ? "-" + Prerelease : string.Empty)}";
}
