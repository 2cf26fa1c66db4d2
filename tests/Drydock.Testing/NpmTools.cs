namespace Drydock.Testing;

/// <summary>
/// The npm oracles that scripts/test installs from scripts/deps/*.npm into <c>.cache/npm-tools</c> (DRYDOCK_NPM_TOOLS
/// names the folder; a plain <c>dotnet test</c> finds the same folder in the checkout), run in one node process.
/// </summary>
public static class NpmTools
{
    /// <summary>The node_modules folder holding the oracles.</summary>
    public static string Folder
    {
        get
        {
            var tools = Environment.GetEnvironmentVariable("DRYDOCK_NPM_TOOLS");
            return string.IsNullOrEmpty(tools) ? Path.Combine(TestPaths.RepositoryRoot, ".cache", "npm-tools", "node_modules") : tools;
        }
    }

    /// <summary>Runs <paramref name="script"/> under node with <paramref name="input"/> on standard input; one answer per output line.</summary>
    public static async Task<string[]> RunNodeAsync(string package, string script, string input, CancellationToken cancellationToken)
    {
        var tools = Folder;
        if (!Directory.Exists(Path.Combine(tools, package)))
        {
            throw new InvalidOperationException($"The npm package {package} is not installed under {tools}; run scripts/test.");
        }

        var result = await ExternalTool.RunAsync(
            "node",
            ["-e", script],
            cancellationToken,
            standardInput: input,
            environment: new Dictionary<string, string> { ["NODE_PATH"] = tools });
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
