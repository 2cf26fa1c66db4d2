using Microsoft.Win32.SafeHandles;

namespace Drydock.Ecosystems.PackageManagers.Rpm;

/// <summary>Positioned reads from a private copy of an rpm database, with the checks every backend shares.</summary>
internal static class RpmDatabaseFile
{
    /// <summary>The largest header blob read into memory. rpm itself allows 256 MiB; real headers,
    /// even of packages with tens of thousands of files, stay far below this.</summary>
    public const int MaxHeaderBytes = 32 * 1024 * 1024;

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes at <paramref name="offset"/>;
    /// false when the file ends first.</summary>
    public static bool TryReadExactly(SafeFileHandle file, Span<byte> buffer, long offset)
    {
        while (!buffer.IsEmpty)
        {
            var read = RandomAccess.Read(file, buffer, offset);
            if (read == 0)
            {
                return false;
            }

            buffer = buffer[read..];
            offset += read;
        }

        return true;
    }
}
