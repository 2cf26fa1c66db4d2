using Drydock.Ecosystems.PyPI;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.PyPI;

public sealed class InstalledPythonPackageDetectorTests
{
    // importlib.metadata is the standard library's own reader of installed distributions.
    private const string ListScript =
        "import sys, importlib.metadata as m\n" +
        "for d in m.distributions(path=[sys.argv[1]]):\n" +
        "    print(d.metadata['Name'] + '@' + d.version)\n";

    private readonly InstalledPythonPackageDetector _detector = new();

    [Theory]
    [InlineData("usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA", true)]
    [InlineData("usr/local/lib/python3.12/site-packages/requests-2.31.0.dist-info/METADATA", true)]
    [InlineData("usr/lib/python3/dist-packages/PyJWT-2.6.0.egg-info", true)]
    [InlineData("usr/lib/python3/dist-packages/cryptography.egg-info/PKG-INFO", true)]
    [InlineData("opt/venv/lib/python3.9/site-packages/foo-1.0-py3.9.egg/EGG-INFO/PKG-INFO", true)]
    [InlineData("usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/RECORD", false)]
    [InlineData("src/foo.egg-info/PKG-INFO", false)]
    [InlineData("usr/lib/python3/dist-packages/x/y-1.0.dist-info/METADATA", false)]
    public void IsCandidate_Path_MatchesMetadataInPackageFolders(string path, bool expected) =>
        Assert.Equal(expected, _detector.IsCandidate(path));

    [Theory]
    [InlineData("/usr/lib/python3/dist-packages", "usr/lib/python3/dist-packages")]
    [InlineData("/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages", "usr/local/lib/python3.11/site-packages")]
    public async Task DetectAsync_RealPackageFolder_FindsWhatImportlibMetadataLists(string folder, string layerPrefix)
    {
        Assert.True(Directory.Exists(folder), $"{folder} is expected on the test machine (Debian python3 packages, pyenv)");
        var listed = await ExternalTool.RunAsync("/usr/bin/python3", ["-c", ListScript, folder], CancellationToken.None);
        var expected = listed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('@'))
            .Select(parts => $"{PythonPackages.Normalise(parts[0])}@{parts[1]}")
            .ToHashSet();
        Assert.NotEmpty(expected);

        var result = await DetectorRunner.RunTreeAsync(_detector, folder, layerPrefix);

        Assert.Empty(result.Warnings);
        Assert.Equal(expected.Order(), result.NameVersions().Order());
    }

    [Fact]
    public async Task DetectAsync_UpstreamSamples_ReadNameAndVersionAsPythonsEmailParserDoes()
    {
        const string script =
            "import sys, email\n" +
            "for f in sys.argv[1:]:\n" +
            "    msg = email.message_from_binary_file(open(f, 'rb'))\n" +
            "    print(msg['Name'] + '@' + msg['Version'])\n";
        var files = Directory.GetFiles(TestPaths.Shared("pkgdb", "python"), "*", SearchOption.AllDirectories).Order().ToArray();
        var listed = await ExternalTool.RunAsync("/usr/bin/python3", ["-c", script, .. files], CancellationToken.None);
        var expected = listed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('@'))
            .Select(parts => $"{PythonPackages.Normalise(parts[0])}@{parts[1]}")
            .ToList();

        var found = new List<string>();
        foreach (var file in files)
        {
            var result = await DetectorRunner.RunFileAsync(_detector, file, $"usr/lib/python3/dist-packages/{Path.GetFileName(file)}.dist-info/METADATA");
            Assert.Empty(result.Warnings);
            found.AddRange(result.NameVersions());
        }

        Assert.Equal(expected, found);
    }

    [Fact]
    public async Task DetectAsync_NoVersionHeader_WarnsNamingTheFile()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("METADATA");
        await File.WriteAllTextAsync(file, "Metadata-Version: 2.1\nName: broken\n\nbody\n");

        var result = await DetectorRunner.RunFileAsync(_detector, file, "usr/lib/python3/dist-packages/broken.dist-info/METADATA");

        Assert.Empty(result.Packages);
        Assert.Contains(result.Warnings, w => w.StartsWith("usr/lib/python3/dist-packages/broken.dist-info/METADATA", StringComparison.Ordinal));
    }
}
