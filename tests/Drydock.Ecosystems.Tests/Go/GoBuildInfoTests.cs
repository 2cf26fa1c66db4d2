using System.IO.Compression;
using Drydock.Ecosystems.Binaries;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.Go;

public sealed class GoBuildInfoTests
{
    private readonly ExecutablePackageDetector _detector = ExecutablePackageDetector.Instance;

    [Theory]
    [InlineData("usr/local/bin/app", true)]
    [InlineData("app", true)]
    [InlineData("ko-app/server", true)]
    [InlineData("app/node_modules/@esbuild/linux-x64/bin/esbuild", true)]
    [InlineData("windows/app.exe", true)]
    [InlineData("usr/lib/x86_64-linux-gnu/libc.so.6", false)]
    [InlineData("usr/share/doc/x/copyright", false)]
    [InlineData("etc/passwd", false)]
    [InlineData("app/main.go", false)]
    public void IsCandidate_Path_AcceptsFilesThatMayBeExecutables(string path, bool expected) =>
        Assert.Equal(expected, _detector.IsCandidate(path));

    [Theory]
    [InlineData("linux", "amd64")]
    [InlineData("linux", "arm")]
    [InlineData("windows", "amd64")]
    [InlineData("darwin", "arm64")]
    public async Task DetectAsync_BinaryGoBuilt_ReportsWhatGoVersionMPrints(string goos, string goarch)
    {
        var fixture = await GoFixture.GetAsync();
        var binary = Path.Combine(fixture, $"app-{goos}-{goarch}");
        var printed = (await ExternalTool.RunAsync("go", ["version", "-m", binary], CancellationToken.None, environment: GoFixture.Environment(fixture))).StandardOutput;
        var expected = ExpectedFromGoVersionM(printed);
        Assert.Contains("example.com/lib@v1.2.3", expected); // the fixture really has a versioned dependency

        var result = await DetectorRunner.RunFileAsync(_detector, binary, "usr/local/bin/app");

        Assert.Empty(result.Warnings);
        Assert.Equal(expected.Order(), result.NameVersions().Order());
        var stdlib = Assert.Single(result.Packages, p => p.Name == "stdlib");
        Assert.Equal($"pkg:golang/stdlib@{stdlib.Version}", stdlib.Purl);
        Assert.Equal("pkg:golang/example.com/lib@v1.2.3", Assert.Single(result.Packages, p => p.Name == "example.com/lib").Purl);
    }

    [Fact]
    public async Task DetectAsync_ElfNotBuiltByGo_ReportsNothing()
    {
        var result = await DetectorRunner.RunFileAsync(_detector, "/usr/bin/env", "usr/bin/env");

        Assert.Empty(result.Packages);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task DetectAsync_TextFile_ReportsNothing()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("script");
        await File.WriteAllTextAsync(file, "#!/bin/sh\necho \xff Go buildinf:\n");

        var result = await DetectorRunner.RunFileAsync(_detector, file, "usr/local/bin/script");

        Assert.Empty(result.Packages);
    }

    // `go version -m`: the first line names the Go version; "mod"/"dep" lines, each optionally replaced
    // by the "=>" line after it. (devel) and local directory replacements carry no version.
    private static HashSet<string> ExpectedFromGoVersionM(string printed)
    {
        var lines = printed.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var goVersion = lines[0][(lines[0].IndexOf(": ", StringComparison.Ordinal) + 2)..].Trim();
        var modules = new List<(string, string)>();
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Trim('\t', ' ').Split('\t');
            if (fields[0] is "mod" or "dep")
            {
                modules.Add((fields[1], fields.Length > 2 ? fields[2] : string.Empty));
            }
            else if (fields[0] == "=>")
            {
                modules[^1] = (fields[1], fields.Length > 2 ? fields[2] : string.Empty);
            }
        }

        return [$"stdlib@{goVersion.TrimStart('g', 'o')}", .. modules.Where(m => m.Item2.Length > 0 && m.Item2 != "(devel)").Select(m => $"{m.Item1}@{m.Item2}")];
    }
}

/// <summary>
/// A tiny Go module built with the machine's Go toolchain for four platforms. Its dependencies come
/// from a module proxy on disk (GOPROXY=file://…, no network): example.com/lib v1.2.3, and
/// example.com/old v1.0.0 replaced by example.com/new v1.1.0.
/// </summary>
internal static class GoFixture
{
    public static Task<string> GetAsync() => FixtureCache.GetAsync("go-app-v1", BuildAsync);

    public static Dictionary<string, string> Environment(string dir) => new()
    {
        ["GOPATH"] = Path.Combine(dir, "gopath"),
        ["GOCACHE"] = Path.Combine(dir, "gocache"),
        ["GOPROXY"] = "file://" + Path.Combine(dir, "proxy"),
        ["GOSUMDB"] = "off",
        ["GOFLAGS"] = "-mod=mod",
        ["GOTOOLCHAIN"] = "local",
        ["CGO_ENABLED"] = "0",
    };

    private static async Task BuildAsync(string dir)
    {
        WriteModule(dir, "example.com/lib", "v1.2.3", "package lib\n\nfunc Name() string { return \"lib\" }\n");
        WriteModule(dir, "example.com/new", "v1.1.0", "package old\n\nfunc Name() string { return \"new\" }\n", modulePath: "example.com/old");
        WriteModule(dir, "example.com/old", "v1.0.0", "package old\n\nfunc Name() string { return \"old\" }\n");
        var app = Path.Combine(dir, "src");
        Directory.CreateDirectory(app);
        await File.WriteAllTextAsync(Path.Combine(app, "go.mod"),
            "module example.com/app\n\ngo 1.19\n\nrequire (\n\texample.com/lib v1.2.3\n\texample.com/old v1.0.0\n)\n\nreplace example.com/old v1.0.0 => example.com/new v1.1.0\n");
        await File.WriteAllTextAsync(Path.Combine(app, "main.go"),
            "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/lib\"\n\t\"example.com/old\"\n)\n\nfunc main() { fmt.Println(lib.Name(), old.Name()) }\n");
        foreach (var (goos, goarch) in new[] { ("linux", "amd64"), ("linux", "arm"), ("windows", "amd64"), ("darwin", "arm64") })
        {
            var environment = Environment(dir);
            environment["GOOS"] = goos;
            environment["GOARCH"] = goarch;
            await ExternalTool.RunAsync("go", ["build", "-o", Path.Combine(dir, $"app-{goos}-{goarch}"), "."], CancellationToken.None, workingDirectory: app, environment: environment);
        }
    }

    // The module proxy protocol's file layout: <module>/@v/list, <version>.info, .mod and .zip.
    private static void WriteModule(string dir, string path, string version, string source, string? modulePath = null)
    {
        var folder = Path.Combine(dir, "proxy", path, "@v");
        Directory.CreateDirectory(folder);
        var goMod = $"module {modulePath ?? path}\n\ngo 1.19\n";
        File.AppendAllText(Path.Combine(folder, "list"), version + "\n");
        File.WriteAllText(Path.Combine(folder, $"{version}.info"), $$"""{"Version":"{{version}}","Time":"2024-01-01T00:00:00Z"}""");
        File.WriteAllText(Path.Combine(folder, $"{version}.mod"), goMod);
        using var zip = ZipFile.Open(Path.Combine(folder, $"{version}.zip"), ZipArchiveMode.Create);
        using (var writer = new StreamWriter(zip.CreateEntry($"{path}@{version}/go.mod").Open()))
        {
            writer.Write(goMod);
        }

        using (var writer = new StreamWriter(zip.CreateEntry($"{path}@{version}/lib.go").Open()))
        {
            writer.Write(source);
        }
    }
}
