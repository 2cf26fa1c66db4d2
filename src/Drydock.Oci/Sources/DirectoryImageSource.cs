using System.Runtime.CompilerServices;
using System.Text;
using Drydock.Oci.Layers;

namespace Drydock.Oci.Sources;

/// <summary>
/// A root filesystem on disk (<c>dir:PATH</c>), walked directly as one pseudo-layer. Symbolic links
/// are reported as links and never followed, so nothing outside the root is read; only the files a
/// detector asks for are opened. The pseudo-layer is not content-addressed and is never cached.
/// </summary>
internal sealed class DirectoryImageSource(string root, string target) : IImageSource
{
    /// <summary>Virtual filesystems of a live system; never part of an image.</summary>
    private static readonly string[] SkippedTopLevel = ["proc", "sys", "dev"];

    public string Target => target;

    public Task<ImageDescription> ResolveAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"No directory at {root}; dir: needs the path of a root filesystem.");
        }

        var full = Path.GetFullPath(root);
        return Task.FromResult(new ImageDescription
        {
            Target = target,
            Layers =
            [
                new ImageLayer
                {
                    Index = 0,
                    Digest = Digest.Compute(Encoding.UTF8.GetBytes($"dir:{full}")),
                    MediaType = "application/vnd.drydock.rootfs.directory",
                    Cacheable = false,
                },
            ],
        });
    }

    public async IAsyncEnumerable<LayerEntry> ReadLayerAsync(
        ImageLayer layer, LayerLimits limits, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(root);
        var options = new EnumerationOptions
        {
            IgnoreInaccessible = true,
            RecurseSubdirectories = false,
            AttributesToSkip = 0,
            ReturnSpecialDirectories = false,
        };
        var pending = new Stack<string>();
        pending.Push(full);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var directory = pending.Pop();
            IEnumerable<FileSystemInfo> children;
            try
            {
                children = [.. new DirectoryInfo(directory).EnumerateFileSystemInfos("*", options)];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var child in children.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(full, child.FullName).Replace(Path.DirectorySeparatorChar, '/');
                if (directory == full && SkippedTopLevel.Contains(child.Name, StringComparer.Ordinal))
                {
                    continue;
                }

                if (child.LinkTarget is { } linkTarget)
                {
                    yield return new LayerEntry(relative, LayerEntryKind.SymbolicLink, 0, linkTarget, () => Stream.Null);
                }
                else if (child is DirectoryInfo)
                {
                    yield return new LayerEntry(relative, LayerEntryKind.Directory, 0, null, () => Stream.Null);
                    pending.Push(child.FullName);
                }
                else if (child is FileInfo file)
                {
                    var path = file.FullName;
                    yield return new LayerEntry(relative, LayerEntryKind.File, file.Length, null, () => new FileStream(
                        path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1 << 16, FileOptions.SequentialScan));
                }
            }

            await Task.Yield();
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
