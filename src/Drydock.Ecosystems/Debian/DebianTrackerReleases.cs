namespace Drydock.Ecosystems.Debian;

/// <summary>Debian release codenames and the version numbers that os-release reports, as data: the
/// tracker speaks codenames, an image's <c>VERSION_ID</c> speaks numbers.</summary>
internal static class DebianTrackerReleases
{
    public static readonly IReadOnlyDictionary<string, string> VersionByCodename = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["hamm"] = "2.0",
        ["slink"] = "2.1",
        ["potato"] = "2.2",
        ["woody"] = "3.0",
        ["sarge"] = "3.1",
        ["etch"] = "4",
        ["lenny"] = "5",
        ["squeeze"] = "6",
        ["wheezy"] = "7",
        ["jessie"] = "8",
        ["stretch"] = "9",
        ["buster"] = "10",
        ["bullseye"] = "11",
        ["bookworm"] = "12",
        ["trixie"] = "13",
        ["forky"] = "14",
        ["duke"] = "15",
        // Unstable has no number; the release detector calls it "unstable".
        ["sid"] = "unstable",
    };

    /// <summary>"bookworm" → "debian:12"; unknown codenames are kept as the release ("debian:xyz").</summary>
    public static string Distribution(string codename) =>
        "debian:" + (VersionByCodename.TryGetValue(codename, out var version) ? version : codename);
}
