using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.PyPI;

/// <summary>
/// pip requirements files (<c>requirements*.txt</c>): only exact pins (<c>name==1.2.3</c>,
/// <c>name[extra]==1.2.3 ; marker</c>) say what gets installed; ranges, URLs and options are skipped.
/// </summary>
internal sealed partial class RequirementsPackageDetector : IPackageDetector
{
    public string Name => "python-requirements";

    public int Version => 1;

    public bool IsCandidate(string path)
    {
        var name = path.AsSpan(path.LastIndexOf('/') + 1);
        return name.StartsWith("requirements", StringComparison.Ordinal) && name.EndsWith(".txt", StringComparison.Ordinal);
    }

    public async IAsyncEnumerable<Package> DetectAsync(
        LayerFile file,
        DetectionContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetString(await file.ReadAllBytesAsync(PythonPackages.MaxFileBytes, cancellationToken));
        // A trailing backslash joins lines (hash lists); comments start at " #" or at the line start.
        var joined = text.Replace("\\\r\n", " ", StringComparison.Ordinal).Replace("\\\n", " ", StringComparison.Ordinal);
        foreach (var rawLine in joined.Split('\n'))
        {
            var line = rawLine.Trim();
            var comment = line.IndexOf(" #", StringComparison.Ordinal);
            if (comment >= 0)
            {
                line = line[..comment].Trim();
            }

            if (line.Length == 0 || line[0] is '#' or '-')
            {
                continue;
            }

            var match = PinRegex().Match(line);
            if (match.Success)
            {
                yield return PythonPackages.Create(match.Groups["name"].Value, match.Groups["version"].Value, file.Path);
            }
        }
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*===?\s*(?<version>[A-Za-z0-9][A-Za-z0-9.+!_-]*)\s*(;.*)?(\s+--hash=\S+)*\s*$")]
    private static partial Regex PinRegex();
}
