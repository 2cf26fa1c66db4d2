using System.Runtime.InteropServices;

namespace Drydock.Registry.Storage.FileSystem;

/// <summary>
/// fsync(2) of a directory. A rename or a new file is an entry in its directory; on Linux that entry reaches the disk
/// only when the directory itself is synced, so a power loss right after a commit could otherwise undo it.
/// .NET has no API for this (it refuses to open a directory as a file), hence open/fsync/close from libc.
/// </summary>
internal static partial class DirectorySync
{
    // O_RDONLY | O_CLOEXEC (02000000, the same on every Linux architecture); O_DIRECTORY differs between them and
    // is not needed, since the path is known to be a directory.
    private const int LinuxOpenFlags = 0x80000;

    /// <summary>Makes the directory's entries durable. A no-op on Windows, where directories cannot be flushed.</summary>
    public static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = Open(directory, OperatingSystem.IsLinux() ? LinuxOpenFlags : 0);
        if (fd < 0)
        {
            throw Failure("open", directory);
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw Failure("fsync", directory);
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private static IOException Failure(string call, string directory) =>
        new($"{call} of directory '{directory}' failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
