using System.Text;

namespace Drydock.Data.Sqlite;

/// <summary>
/// The advisory lock a running server holds on its advisory database (<c>FILE.lock</c> beside it, locked with
/// <c>flock</c> for the process's lifetime; the kernel drops it when the process dies, so a killed server leaves no
/// stale lock). Commands that would replace or rewrite the file take the same lock first: a database swapped under a
/// running server is never seen by it, so they refuse and say to go through the server instead.
/// </summary>
public sealed class DatabaseFileLock : IDisposable
{
    private readonly FileStream _stream;

    private DatabaseFileLock(FileStream stream) => _stream = stream;

    /// <summary>The lock file of <paramref name="databasePath"/>.</summary>
    public static string PathOf(string databasePath) => Path.GetFullPath(databasePath) + ".lock";

    /// <summary>
    /// Takes the lock of <paramref name="databasePath"/> for <paramref name="holder"/> (written into the lock file, for
    /// whoever looks once it is free again); null when another process, or another open in this one, holds it, and
    /// <paramref name="heldBy"/> then says which file is held.
    /// </summary>
    public static DatabaseFileLock? TryAcquire(string databasePath, string holder, out string? heldBy)
    {
        var path = PathOf(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FileStream stream;
        try
        {
            // FileShare.None is an exclusive flock on Unix, taken without waiting.
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            // The holder's line cannot be read back: reading takes a shared flock, which the exclusive one refuses.
            heldBy = $"a running drydock process (it holds {path})";
            return null;
        }

        stream.SetLength(0);
        stream.Write(Encoding.UTF8.GetBytes($"{holder}, pid {Environment.ProcessId}\n"));
        stream.Flush();
        heldBy = null;
        return new DatabaseFileLock(stream);
    }

    /// <inheritdoc/>
    public void Dispose() => _stream.Dispose();
}
