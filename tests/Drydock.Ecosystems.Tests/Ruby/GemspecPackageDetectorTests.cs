using System.Text.RegularExpressions;
using Drydock.Ecosystems.Ruby;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.Ruby;

public sealed class GemspecPackageDetectorTests
{
    private readonly GemspecPackageDetector _detector = new();

    [Theory]
    [InlineData("usr/lib/ruby/gems/3.1.0/specifications/rake-13.0.6.gemspec", true)]
    [InlineData("usr/lib/ruby/gems/3.1.0/specifications/default/json-2.6.1.gemspec", true)]
    [InlineData("usr/local/bundle/specifications/rails-7.1.2.gemspec", true)]
    [InlineData("app/mygem.gemspec", false)]
    [InlineData("usr/lib/ruby/gems/3.1.0/gems/rake-13.0.6/rake.gemspec", false)]
    public void IsCandidate_Path_MatchesInstalledSpecifications(string path, bool expected) =>
        Assert.Equal(expected, _detector.IsCandidate(path));

    [Fact]
    public async Task DetectAsync_DebiansRubyGemPaths_FindWhatGemListLists()
    {
        // `gem list --local` prints "name (1.2.3, default: 4.5.6)" for every installed specification.
        var listed = (await ExternalTool.RunAsync("gem", ["list", "--local"], CancellationToken.None)).StandardOutput;
        var expected = new HashSet<string>();
        foreach (Match line in Regex.Matches(listed, @"^(\S+) \((.+)\)$", RegexOptions.Multiline))
        {
            foreach (var version in line.Groups[2].Value.Split(", "))
            {
                expected.Add($"{line.Groups[1].Value}@{version.Replace("default: ", string.Empty, StringComparison.Ordinal)}");
            }
        }

        Assert.Contains("rake@13.0.6", expected);
        var paths = (await ExternalTool.RunAsync("gem", ["env", "paths"], CancellationToken.None)).StandardOutput.Trim().Split(':');
        var found = new HashSet<string>();
        foreach (var path in paths.Where(p => Directory.Exists(Path.Combine(p, "specifications"))))
        {
            var result = await DetectorRunner.RunTreeAsync(_detector, Path.Combine(path, "specifications"), path.TrimStart('/') + "/specifications");
            Assert.Empty(result.Warnings);
            found.UnionWith(result.NameVersions());
        }

        Assert.Equal(expected.Order(), found.Order());
    }

    [Fact]
    public async Task DetectAsync_NoNameOrVersion_WarnsNamingTheFile()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("broken.gemspec");
        await File.WriteAllTextAsync(file, "Gem::Specification.new do |s|\nend\n");

        var result = await DetectorRunner.RunFileAsync(_detector, file, "usr/local/bundle/specifications/broken.gemspec");

        Assert.Contains(result.Warnings, w => w.StartsWith("usr/local/bundle/specifications/broken.gemspec", StringComparison.Ordinal));
    }
}
