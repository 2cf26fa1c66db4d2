using System.Runtime.CompilerServices;
using System.Text;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.Ruby;

/// <summary>
/// Bundler's <c>Gemfile.lock</c>: in the <c>GEM</c> and <c>GIT</c> sections, each gem is a
/// four-space-indented <c>name (version)</c> line under <c>specs:</c> (six-space lines are its
/// dependencies). A platform-specific gem carries its platform after a dash (<c>nokogiri
/// (1.15.4-x86_64-linux)</c>); RubyGems versions never contain a dash, so the version ends there.
/// <c>PATH</c> gems are local code, not published gems. A lockfile does not mark development groups.
/// </summary>
internal sealed class GemfileLockPackageDetector : IPackageDetector
{
    public string Name => "ruby-gemfile-lock";

    public int Version => 1;

    public bool IsCandidate(string path)
    {
        var name = path.AsSpan(path.LastIndexOf('/') + 1);
        return name.SequenceEqual("Gemfile.lock") || name.SequenceEqual("gems.locked");
    }

    public async IAsyncEnumerable<Package> DetectAsync(
        LayerFile file,
        DetectionContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetString(await file.ReadAllBytesAsync(RubyGems.MaxFileBytes, cancellationToken));
        string? section = null;
        var inSpecs = false;
        var sawSection = false;
        var packages = new List<Package>();
        var seen = new HashSet<(string, string)>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] != ' ')
            {
                section = line.Trim();
                sawSection = true;
                inSpecs = false;
                continue;
            }

            if (section is not ("GEM" or "GIT"))
            {
                continue;
            }

            if (line == "  specs:")
            {
                inSpecs = true;
                continue;
            }

            if (!inSpecs || !line.StartsWith("    ", StringComparison.Ordinal) || line.StartsWith("     ", StringComparison.Ordinal))
            {
                continue;
            }

            var spec = line.Trim();
            var open = spec.IndexOf(" (", StringComparison.Ordinal);
            if (open <= 0 || !spec.EndsWith(')'))
            {
                context.Warn($"{file.Path}: spec line '{spec}' is not 'name (version)'; skipped.");
                continue;
            }

            var name = spec[..open];
            var version = spec[(open + 2)..^1];
            var dash = version.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0)
            {
                version = version[..dash];
            }

            if (seen.Add((name, version)))
            {
                packages.Add(RubyGems.Create(name, version, file.Path));
            }
        }

        if (!sawSection)
        {
            throw new InvalidDataException($"{file.Path} has no sections; it is not a Gemfile.lock.");
        }

        foreach (var package in packages)
        {
            yield return package;
        }
    }
}
