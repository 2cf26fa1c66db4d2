namespace Drydock.Testing.Images;

/// <summary>
/// A Debian bookworm minbase root filesystem made with debootstrap from the machine's own apt mirror,
/// cached under the repository's <c>.cache/debootstrap</c> between runs (created once, then reused).
/// </summary>
public static class DebootstrapRoot
{
    /// <summary>The mirror the machine's apt uses (/etc/apt/sources.list.d/debian.sources).</summary>
    public const string Mirror = "http://deb.debian.org/debian";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>The root filesystem directory, created on first use.</summary>
    public static async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        var cache = Path.Combine(TestPaths.RepositoryRoot, ".cache", "debootstrap");
        var root = Path.Combine(cache, "bookworm-minbase");
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(Path.Combine(root, "var", "lib", "dpkg", "status")))
            {
                return root;
            }

            if (!ExternalTool.Exists("debootstrap"))
            {
                throw new InvalidOperationException("debootstrap is not installed; scripts/test installs it from scripts/deps/indexer.apt.");
            }

            var temporary = $"{root}.tmp-{Guid.NewGuid():N}";
            Directory.CreateDirectory(cache);
            await ExternalTool.RunAsync("debootstrap", ["--variant=minbase", "bookworm", temporary, Mirror], cancellationToken);
            Directory.Move(temporary, root);
            return root;
        }
        finally
        {
            Gate.Release();
        }
    }
}
