namespace Drydock.Output;

/// <summary>
/// Writes a command's result to <c>--output FILE</c>. A regular file is written beside its final name and
/// renamed into place, so a reader never sees half a report and a failed run leaves the old file in place.
/// Device paths (<c>/dev/null</c>, <c>/dev/stdout</c>, <c>/proc/self/fd/N</c>) are written in place:
/// renaming over a device node would replace it with a plain file for every program on the machine.
/// </summary>
internal static class OutputFile
{
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        if (IsDevicePath(path))
        {
            await using var direct = new FileStream(path, FileMode.Open, FileAccess.Write);
            await write(direct, cancellationToken);
            return;
        }

        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var file = File.Create(temporary))
            {
                await write(file, cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>True for paths that name a device rather than a file. .NET exposes no file type on Unix,
    /// so this goes by where the system keeps devices, after following symbolic links.</summary>
    internal static bool IsDevicePath(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full) && new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true) is { } target)
        {
            full = target.FullName;
        }

        return full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal);
    }
}
