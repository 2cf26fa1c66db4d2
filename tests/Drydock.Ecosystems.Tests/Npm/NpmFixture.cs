using System.Text.Json;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.Npm;

/// <summary>
/// A real project installed from the npm registry with npm, yarn 1 and pnpm 9 (express 4 with its tree,
/// a scoped package, two devDependencies), plus the lockfile-v1 and v2 forms npm writes, and what each
/// tool lists as installed. Built once and cached under .cache/languages.
/// </summary>
internal static class NpmFixture
{
    public const string PackageJson =
        """{"name":"fixture","version":"1.0.0","private":true,"dependencies":{"express":"4.21.2","@types/ms":"0.7.34"},"devDependencies":{"is-number":"7.0.0","semver":"7.6.3"}}""";

    public static async Task<string> GetAsync()
    {
        // The tools are fetched first: the cache builds one fixture at a time.
        var yarn = await ToolAsync("yarn");
        var pnpm = await ToolAsync("pnpm");
        return await FixtureCache.GetAsync("npm-express-v1", dir => BuildAsync(dir, yarn, pnpm));
    }

    /// <summary>The npm tools folder: DRYDOCK_NPM_TOOLS (set by scripts/test) or a cached install.</summary>
    public static async Task<string> ToolAsync(string name)
    {
        var tools = Environment.GetEnvironmentVariable("DRYDOCK_NPM_TOOLS");
        if (!string.IsNullOrEmpty(tools) && File.Exists(Path.Combine(tools, ".bin", name)))
        {
            return Path.Combine(tools, ".bin", name);
        }

        var folder = await FixtureCache.GetAsync("npm-tools-v1", async dir =>
            await NpmAsync(dir, "install", "yarn@1.22.22", "pnpm@9.15.9"));
        return Path.Combine(folder, "node_modules", ".bin", name);
    }

    /// <summary>name@version of every package in an `npm ls --json` / `pnpm list --json` tree.</summary>
    public static HashSet<string> FlattenLsTree(JsonElement node)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        void Walk(JsonElement element)
        {
            foreach (var section in new[] { "dependencies", "devDependencies", "optionalDependencies" })
            {
                if (!element.TryGetProperty(section, out var dependencies))
                {
                    continue;
                }

                foreach (var dependency in dependencies.EnumerateObject())
                {
                    result.Add($"{dependency.Name}@{dependency.Value.GetProperty("version").GetString()}");
                    Walk(dependency.Value);
                }
            }
        }

        Walk(node);
        return result;
    }

    public static HashSet<string> ReadLsFile(string fixture, string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixture, file)));
        var root = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement[0] : document.RootElement;
        return FlattenLsTree(root);
    }

    private static async Task BuildAsync(string dir, string yarn, string pnpm)
    {
        var npm = Path.Combine(dir, "npm");
        Directory.CreateDirectory(npm);
        await File.WriteAllTextAsync(Path.Combine(npm, "package.json"), PackageJson);
        await NpmAsync(npm, "install");
        await File.WriteAllTextAsync(Path.Combine(dir, "npm-ls.json"), await NpmAsync(npm, "ls", "--all", "--json"));
        await File.WriteAllTextAsync(Path.Combine(dir, "npm-ls-prod.json"), await NpmAsync(npm, "ls", "--all", "--json", "--omit=dev"));

        foreach (var lockfileVersion in new[] { "1", "2" })
        {
            var folder = Path.Combine(dir, $"lock-v{lockfileVersion}");
            Directory.CreateDirectory(folder);
            File.Copy(Path.Combine(npm, "package.json"), Path.Combine(folder, "package.json"));
            File.Copy(Path.Combine(npm, "package-lock.json"), Path.Combine(folder, "package-lock.json"));
            await NpmAsync(folder, "install", "--package-lock-only", "--lockfile-version", lockfileVersion);
        }

        var yarnDir = Path.Combine(dir, "yarn");
        Directory.CreateDirectory(yarnDir);
        await File.WriteAllTextAsync(Path.Combine(yarnDir, "package.json"), PackageJson);
        await ExternalTool.RunAsync(yarn, ["install", "--ignore-scripts", "--no-progress", "--non-interactive"], CancellationToken.None, workingDirectory: yarnDir);
        var yarnList = await ExternalTool.RunAsync(yarn, ["list", "--json"], CancellationToken.None, workingDirectory: yarnDir);
        await File.WriteAllTextAsync(Path.Combine(dir, "yarn-list.json"), yarnList.StandardOutput);

        var pnpmDir = Path.Combine(dir, "pnpm");
        Directory.CreateDirectory(pnpmDir);
        await File.WriteAllTextAsync(Path.Combine(pnpmDir, "package.json"), PackageJson);
        await ExternalTool.RunAsync(pnpm, ["install", "--ignore-scripts", "--config.confirmModulesPurge=false"], CancellationToken.None, workingDirectory: pnpmDir);
        var all = await ExternalTool.RunAsync(pnpm, ["list", "--depth", "Infinity", "--json"], CancellationToken.None, workingDirectory: pnpmDir);
        await File.WriteAllTextAsync(Path.Combine(dir, "pnpm-list.json"), all.StandardOutput);
        var prod = await ExternalTool.RunAsync(pnpm, ["list", "--prod", "--depth", "Infinity", "--json"], CancellationToken.None, workingDirectory: pnpmDir);
        await File.WriteAllTextAsync(Path.Combine(dir, "pnpm-list-prod.json"), prod.StandardOutput);
    }

    private static async Task<string> NpmAsync(string dir, params string[] arguments)
    {
        var result = await ExternalTool.RunAsync("npm", [.. arguments, "--no-audit", "--no-fund", "--ignore-scripts"], CancellationToken.None, workingDirectory: dir);
        return result.StandardOutput;
    }
}
