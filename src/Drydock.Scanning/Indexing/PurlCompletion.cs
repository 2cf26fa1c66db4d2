using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Scanning.Indexing;

/// <summary>
/// Completes OS package purls once the distribution is known (it is known only after coalescing):
/// detectors write <c>pkg:deb/debian/NAME@VERSION?arch=…</c> with their package manager's usual
/// namespace, and this sets the namespace to the distribution's and adds <c>distro=ID-RELEASE</c>,
/// as the purl specification's deb, rpm and apk types describe.
/// </summary>
internal static class PurlCompletion
{
    private static readonly HashSet<string> OsTypes = [Ecosystems.Deb, Ecosystems.Rpm, Ecosystems.Apk];

    public static Package Complete(Package package, Distribution? distribution)
    {
        if (distribution is null || !OsTypes.Contains(package.Ecosystem) || !package.Purl.StartsWith("pkg:", StringComparison.Ordinal))
        {
            return package;
        }

        var purl = package.Purl;
        var hash = purl.IndexOf('#', StringComparison.Ordinal);
        var subpath = hash < 0 ? string.Empty : purl[hash..];
        purl = hash < 0 ? purl : purl[..hash];
        var question = purl.IndexOf('?', StringComparison.Ordinal);
        var qualifiers = question < 0 ? string.Empty : purl[(question + 1)..];
        var head = question < 0 ? purl : purl[..question];

        var firstSlash = head.IndexOf('/', "pkg:".Length);
        var lastSlash = head.LastIndexOf('/');
        if (firstSlash < 0)
        {
            return package;
        }

        var type = head["pkg:".Length..firstSlash];
        var nameAndVersion = head[(lastSlash + 1)..];
        var pairs = qualifiers.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(q => q.Split('=', 2))
            .Where(q => q.Length == 2 && q[0] != "distro")
            .Select(q => (Key: q[0], Value: q[1]))
            .Append(("distro", PackageUrl.Encode(distribution.PurlQualifier)))
            .OrderBy(q => q.Item1, StringComparer.Ordinal);
        var completed = $"pkg:{type}/{PackageUrl.Encode(Namespace(distribution.Id))}/{nameAndVersion}?{string.Join('&', pairs.Select(q => $"{q.Item1}={q.Item2}"))}{subpath}";
        return package with { Purl = completed };
    }

    /// <summary>The purl namespace of a distribution: its vendor's usual name where the os-release ID differs.</summary>
    public static string Namespace(string distributionId) => distributionId switch
    {
        "rhel" => "redhat",
        "ol" => "oracle",
        "amzn" => "amazon",
        "sles" or "sled" => "suse",
        "opensuse-leap" or "opensuse-tumbleweed" => "opensuse",
        _ => distributionId,
    };
}
