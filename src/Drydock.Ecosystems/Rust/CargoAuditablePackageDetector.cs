using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Drydock.Ecosystems.Binaries;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.Rust;

/// <summary>
/// Crates compiled into a Rust binary built with cargo-auditable, which embeds the dependency tree as
/// zlib-compressed JSON (<c>{"packages":[{"name","version","source",…}]}</c>) in a <c>.dep-v0</c>
/// section (ELF, Mach-O <c>__DATA,.dep-v0</c>, PE <c>.dep-v0</c>). The section table of an ELF sits at
/// the end of the file and the layer stream reads forward only, so the detector looks for the
/// compressed data itself: after an executable magic, every zlib header (0x78 followed by a valid
/// flag byte) is tried, and the one whose first inflated bytes are <c>{"packages":[</c> is the
/// section. Crates whose source is <c>local</c> (the workspace's own) are not published crates.
/// </summary>
internal sealed class CargoAuditablePackageDetector : IPackageDetector
{
    private const int ChunkSize = 256 * 1024;
    private const int MaxCompressedBytes = 8 * 1024 * 1024;
    private const int MaxJsonBytes = 64 * 1024 * 1024;
    private static readonly byte[] ZlibMethod = [0x78];
    private static readonly byte[] JsonStart = "{\"packages\":["u8.ToArray();

    public string Name => "rust-cargo-auditable";

    public int Version => 1;

    public bool IsCandidate(string path) => ExecutablePaths.IsCandidate(path);

    public async IAsyncEnumerable<Package> DetectAsync(
        LayerFile file,
        DetectionContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var scanner = new ForwardScanner(file.Content, ChunkSize);
        if (!await scanner.FillAsync(64, cancellationToken) || !ExecutablePaths.HasExecutableMagic(scanner.Window))
        {
            yield break;
        }

        var from = 0;
        byte[]? json = null;
        while (json is null)
        {
            var found = await scanner.FindAsync(ZlibMethod, 64, cancellationToken, from);
            if (found < 0)
            {
                yield break; // not built with cargo-auditable
            }

            from = found + 1;
            var window = scanner.Window;
            if (window.Length - found < 2 + JsonStart.Length || ((window[found] << 8) | window[found + 1]) % 31 != 0 || (window[found + 1] & 0x20) != 0 || !StartsWithPackagesJson(scanner.Segment(found)))
            {
                continue;
            }

            await scanner.EnsureAsync(found, MaxCompressedBytes, cancellationToken);
            json = Inflate(scanner.Segment(found), file.Path);
        }

        using var document = JsonDocument.Parse(json);
        var packages = new List<Package>();
        foreach (var entry in document.RootElement.GetProperty("packages").EnumerateArray())
        {
            var name = entry.TryGetProperty("name", out var n) ? n.GetString() : null;
            var version = entry.TryGetProperty("version", out var v) ? v.GetString() : null;
            var source = entry.TryGetProperty("source", out var s) ? s.GetString() : null;
            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(version))
            {
                context.Warn($"{file.Path}: an embedded dependency has no name or version; skipped.");
                continue;
            }

            if (source != "local")
            {
                packages.Add(Crates.Create(name, version, file.Path));
            }
        }

        foreach (var package in packages)
        {
            yield return package;
        }
    }

    private static bool StartsWithPackagesJson(ArraySegment<byte> data)
    {
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(data.Array!, data.Offset, data.Count, writable: false), CompressionMode.Decompress);
            Span<byte> start = stackalloc byte[JsonStart.Length];
            var read = 0;
            int step;
            while (read < start.Length && (step = zlib.Read(start[read..])) > 0)
            {
                read += step;
            }

            return read == start.Length && start.SequenceEqual(JsonStart);
        }
        catch (InvalidDataException)
        {
            return false; // a 0x78 byte that does not start a zlib stream
        }
    }

    private static byte[] Inflate(ArraySegment<byte> data, string path)
    {
        using var zlib = new ZLibStream(new MemoryStream(data.Array!, data.Offset, data.Count, writable: false), CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = zlib.Read(buffer)) > 0)
        {
            output.Write(buffer, 0, read);
            if (output.Length > MaxJsonBytes)
            {
                throw new InvalidDataException($"{path}: the embedded dependency list inflates to more than {MaxJsonBytes} bytes.");
            }
        }

        return output.ToArray();
    }
}
