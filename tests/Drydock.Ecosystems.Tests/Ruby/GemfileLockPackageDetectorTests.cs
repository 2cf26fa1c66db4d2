using System.Text.RegularExpressions;
using Drydock.Ecosystems.Ruby;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.Ruby;

public sealed class GemfileLockPackageDetectorTests
{
    private readonly GemfileLockPackageDetector _detector = new();

    [Fact]
    public async Task DetectAsync_LockfileBundlerWrote_ListsWhatBundleListLists()
    {
        // Resolved by Debian's bundler from the gems installed on this machine (--local: no network).
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(temp.Combine("Gemfile"), "source \"https://rubygems.org\"\ngem \"net-imap\"\ngem \"test-unit\"\ngem \"rake\"\ngem \"minitest\"\n");
        await ExternalTool.RunAsync("bundle3.1", ["lock", "--local"], CancellationToken.None, workingDirectory: temp.Path);
        var listed = (await ExternalTool.RunAsync("bundle3.1", ["list"], CancellationToken.None, workingDirectory: temp.Path)).StandardOutput;
        var expected = Regex.Matches(listed, @"^\s+\* (\S+) \(([^)]+)\)$", RegexOptions.Multiline)
            .Select(m => $"{m.Groups[1].Value}@{m.Groups[2].Value}")
            .ToHashSet();
        Assert.True(expected.Count > 4, "the bundle should include transitive dependencies");

        var result = await DetectorRunner.RunFileAsync(_detector, temp.Combine("Gemfile.lock"), "app/Gemfile.lock");

        Assert.Empty(result.Warnings);
        Assert.Equal(expected.Order(), result.NameVersions().Order());
        Assert.Equal("pkg:gem/rake@13.0.6", Assert.Single(result.Packages, p => p.Name == "rake").Purl);
    }

    [Fact]
    public async Task DetectAsync_PlatformGems_DropThePlatformFromTheVersion()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("Gemfile.lock");
        await File.WriteAllTextAsync(file, "GEM\n  remote: https://rubygems.org/\n  specs:\n    nokogiri (1.15.4-x86_64-linux)\n      racc (~> 1.4)\n    racc (1.7.1)\n\nPATH\n  remote: .\n  specs:\n    mylib (0.1.0)\n\nPLATFORMS\n  x86_64-linux\n");

        var result = await DetectorRunner.RunFileAsync(_detector, file, "app/Gemfile.lock");

        Assert.Equal(["nokogiri@1.15.4", "racc@1.7.1"], result.NameVersions().Order());
    }
}
