namespace Drydock.Oci.Sources;

/// <summary>Layout files in a directory.</summary>
internal sealed class DirectoryLayoutFiles(string root) : ILayoutFiles
{
    public bool Exists(string path) => File.Exists(Resolve(path));

    public Stream Open(string path) =>
        new FileStream(Resolve(path), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);

    public void Dispose()
    {
    }

    private string Resolve(string path)
    {
        // Paths come from manifests; keep them inside the layout.
        var full = Path.GetFullPath(Path.Combine(root, path));
        var rootFull = Path.GetFullPath(root);
        if (!full.StartsWith(rootFull.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"'{path}' points outside {root}.");
        }

        return full;
    }
}
