using System.Runtime.CompilerServices;
using System.Text;
using Drydock.Ecosystems.Binaries;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.Go;

/// <summary>
/// Go modules compiled into a binary (ELF, PE or Mach-O), read from the build information the Go
/// linker embeds, without running the binary. The layer stream reads forward only, so instead of
/// locating the <c>.go.buildinfo</c> section through the section table (which ELF keeps at the end),
/// the detector looks at the first bytes for an executable magic, bails out on anything else, then
/// scans forward with a bounded buffer for the <c>\xff Go buildinf:</c> header, which the linker places
/// at the start of that section in every format. Go 1.18 and later store the version and the module
/// information inline after the header (length-prefixed strings); older Go stores pointers to strings
/// elsewhere in the file, which a forward-only reader cannot follow, so those binaries are reported as
/// a warning. The toolchain version is reported as the <c>stdlib</c> package, versioned as the Go
/// vulnerability database writes it (<c>go1.19.8</c> → <c>1.19.8</c>).
/// </summary>
internal sealed class GoBinaryPackageDetector : IPackageDetector
{
    private const int ChunkSize = 256 * 1024;
    private const int HeaderSize = 32;
    private const int MaxInfoBytes = 4 * 1024 * 1024;
    private static readonly byte[] Magic = [0xff, .. " Go buildinf:"u8];

    public string Name => "go-binary";

    public int Version => 1;

    public bool IsCandidate(string path) => ExecutablePaths.IsCandidate(path);

    public async IAsyncEnumerable<Package> DetectAsync(
        LayerFile file,
        DetectionContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = new ForwardScanner(file.Content, ChunkSize);
        if (!await reader.FillAsync(64, cancellationToken) || !ExecutablePaths.HasExecutableMagic(reader.Window))
        {
            yield break;
        }

        var found = await reader.FindAsync(Magic, HeaderSize + 2 * 10, cancellationToken);
        if (found < 0)
        {
            yield break; // an executable, but not one Go built
        }

        var header = reader.Window.Slice(found, HeaderSize);
        var flags = header[15];
        if ((flags & 2) == 0)
        {
            context.Warn($"{file.Path}: built with Go before 1.18 (build information stored as pointers); its modules are not read.");
            yield break;
        }

        // Two varint-length-prefixed strings follow the header: the Go version and the module information.
        var offset = found + HeaderSize;
        var strings = new string[2];
        for (var i = 0; i < 2; i++)
        {
            await reader.EnsureAsync(offset, 10, cancellationToken);
            var (length, width) = ReadUvarint(reader.Window[offset..]);
            if (width <= 0 || length > MaxInfoBytes)
            {
                throw new InvalidDataException($"{file.Path}: the Go build information is malformed.");
            }

            offset += width;
            if (!await reader.EnsureAsync(offset, (int)length, cancellationToken))
            {
                throw new InvalidDataException($"{file.Path}: the Go build information is truncated.");
            }

            strings[i] = Encoding.UTF8.GetString(reader.Window.Slice(offset, (int)length));
            offset += (int)length;
        }

        foreach (var package in GoModInfo.Parse(strings[0], strings[1], file.Path))
        {
            yield return package;
        }
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
