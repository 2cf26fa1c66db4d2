using System.Text.Json;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.Php;

/// <summary>
/// A project installed by Debian's composer from path repositories (no network): acme/core requires
/// acme/util, acme/devtool is a require-dev. What `composer show` lists, with and without --no-dev,
/// is kept beside it.
/// </summary>
internal static class ComposerFixture
{
    private static readonly Dictionary<string, string> Offline = new() { ["COMPOSER_DISABLE_NETWORK"] = "1", ["COMPOSER_HOME"] = "/tmp/drydock-composer-home" };

    public static Task<string> GetAsync() => FixtureCache.GetAsync("composer-app-v1", BuildAsync);

    public static HashSet<string> ReadShow(string fixture, string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixture, file)));
        return document.RootElement.GetProperty("installed").EnumerateArray()
            .Select(p => $"{p.GetProperty("name").GetString()}@{p.GetProperty("version").GetString()}")
            .ToHashSet();
    }

    private static async Task BuildAsync(string dir)
    {
        foreach (var (name, version, require) in new[] { ("util", "1.4.2", ""), ("core", "2.0.1", ",\"require\":{\"acme/util\":\"^1.4\"}"), ("devtool", "0.9.0", "") })
        {
            var lib = Path.Combine(dir, "libs", $"acme-{name}");
            Directory.CreateDirectory(lib);
            await File.WriteAllTextAsync(Path.Combine(lib, "composer.json"), $"{{\"name\":\"acme/{name}\",\"version\":\"{version}\",\"type\":\"library\"{require}}}");
        }

        var app = Path.Combine(dir, "app");
        Directory.CreateDirectory(app);
        await File.WriteAllTextAsync(Path.Combine(app, "composer.json"),
            """{"name":"acme/app","repositories":[{"type":"path","url":"../libs/*","options":{"symlink":false}}],"require":{"acme/core":"^2.0"},"require-dev":{"acme/devtool":"^0.9"}}""");
        await ExternalTool.RunAsync("composer", ["install", "--no-interaction", "--no-progress"], CancellationToken.None, workingDirectory: app, environment: Offline);
        var all = await ExternalTool.RunAsync("composer", ["show", "--format=json"], CancellationToken.None, workingDirectory: app, environment: Offline);
        await File.WriteAllTextAsync(Path.Combine(dir, "show.json"), all.StandardOutput);
        var production = await ExternalTool.RunAsync("composer", ["show", "--no-dev", "--format=json"], CancellationToken.None, workingDirectory: app, environment: Offline);
        await File.WriteAllTextAsync(Path.Combine(dir, "show-no-dev.json"), production.StandardOutput);
    }
}
