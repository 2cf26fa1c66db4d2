namespace Drydock.Commands;

/// <summary>
/// Where the command line keeps its vulnerability database and layer cache when <c>--db</c> and <c>--cache-dir</c>
/// are not given: one place per user, whatever the working directory (so that <c>drydock db update</c> in one
/// directory serves <c>drydock scan</c> in another), as Trivy and Grype do. <c>DRYDOCK_CACHE_DIR</c>, else
/// <c>$XDG_CACHE_HOME/drydock</c>, else <c>~/.cache/drydock</c>. The server keeps everything under its <c>--data</c>.
/// </summary>
internal static class CachePaths
{
    /// <summary>The environment variable that moves the cache.</summary>
    public const string Variable = "DRYDOCK_CACHE_DIR";

    /// <summary>The cache directory of this process's environment.</summary>
    public static string Root => Resolve(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>The default <c>--db</c>.</summary>
    public static string Database => Path.Combine(Root, "vulndb.sqlite");

    /// <summary>The default <c>--cache-dir</c> of the layer results.</summary>
    public static string Layers => Path.Combine(Root, "layers");

    /// <summary>The cache directory for an environment and home directory.</summary>
    public static string Resolve(Func<string, string?> environment, string home)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment(Variable) is { Length: > 0 } explicitRoot)
        {
            return Path.GetFullPath(explicitRoot);
        }

        // The XDG base directory spec ignores a relative XDG_CACHE_HOME.
        return environment("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg)
            ? Path.Combine(xdg, "drydock")
            : Path.Combine(home, ".cache", "drydock");
    }
}
