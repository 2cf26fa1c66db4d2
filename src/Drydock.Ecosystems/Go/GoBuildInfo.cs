using System.Text;
using Drydock.Ecosystems.Binaries;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.Go;

/// <summary>
/// The build information the Go linker embeds in every binary, found without the section table (ELF keeps
/// it at the end of the file, and the layer stream reads forward only): the <c>\xff Go buildinf:</c>
/// header starts the <c>.go.buildinfo</c> section in every format. Go 1.18 and later store the version
/// and the module information inline after the 32-byte header as length-prefixed strings; older Go
/// stores pointers to strings elsewhere in the file, which a forward-only reader cannot follow, so those
/// binaries are reported as a warning. The toolchain version is the <c>stdlib</c> package, versioned as
/// the Go vulnerability database writes it (<c>go1.19.8</c> → <c>1.19.8</c>).
/// </summary>
internal static class GoBuildInfo
{
    private const int HeaderSize = 32;
    private const int MaxInfoBytes = 4 * 1024 * 1024;
    private static readonly byte[] Magic = [0xff, .. " Go buildinf:"u8];

    /// <summary>Looks for the build information in the scanner's window from <paramref name="from"/>;
    /// null when it is not there (the caller moves on to the next chunk).</summary>
    public static async ValueTask<List<Package>?> TryReadAsync(ForwardScanner scanner, int from, string path, DetectionContext context, CancellationToken cancellationToken)
    {
        var index = scanner.Window[from..].IndexOf(Magic);
        if (index < 0)
        {
            return null;
        }

        var found = from + index;
        await scanner.EnsureAsync(found, HeaderSize + 20, cancellationToken);
        if (scanner.Window.Length - found < HeaderSize)
        {
            return null;
        }

        var flags = scanner.Window[found + 15];
        if ((flags & 2) == 0)
        {
            context.Warn($"{path}: built with Go before 1.18 (build information stored as pointers); its modules are not read.");
            return [];
        }

        // Two varint-length-prefixed strings follow the header: the Go version and the module information.
        var offset = found + HeaderSize;
        var strings = new string[2];
        for (var i = 0; i < 2; i++)
        {
            await scanner.EnsureAsync(offset, 10, cancellationToken);
            var (length, width) = ReadUvarint(scanner.Window[offset..]);
            if (width <= 0 || length > MaxInfoBytes)
            {
                throw new InvalidDataException($"{path}: the Go build information is malformed.");
            }

            offset += width;
            if (!await scanner.EnsureAsync(offset, (int)length, cancellationToken))
            {
                throw new InvalidDataException($"{path}: the Go build information is truncated.");
            }

            strings[i] = Encoding.UTF8.GetString(scanner.Window.Slice(offset, (int)length));
            offset += (int)length;
        }

        return GoModInfo.Parse(strings[0], strings[1], path);
    }

    private static (ulong Value, int Width) ReadUvarint(ReadOnlySpan<byte> bytes)
    {
        ulong value = 0;
        var shift = 0;
        for (var i = 0; i < bytes.Length && i < 10; i++)
        {
            value |= (ulong)(bytes[i] & 0x7f) << shift;
            if ((bytes[i] & 0x80) == 0)
            {
                return (value, i + 1);
            }

            shift += 7;
        }

        return (0, 0);
    }
}
