using System.IO.Compression;
using System.Text.Json;
using Drydock.Ecosystems.Binaries;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.Rust;

/// <summary>
/// The dependency tree cargo-auditable embeds in a Rust binary: zlib-compressed JSON
/// (<c>{"packages":[{"name","version","source",…}]}</c>) in a <c>.dep-v0</c> section (ELF, Mach-O, PE).
/// The section table of an ELF sits at the end of the file and the layer stream reads forward only, so
/// the compressed data itself is looked for: every zlib header (0x78 and a flag byte that makes a valid
/// header) is tried, and the one whose first inflated bytes are <c>{"packages":[</c> is the section.
/// Crates whose source is <c>local</c> (the workspace's own) are not published crates.
/// </summary>
internal static class CargoAuditableData
{
    private const int MaxCompressedBytes = 8 * 1024 * 1024;
    private const int MaxJsonBytes = 64 * 1024 * 1024;
    private static readonly byte[] JsonStart = "{\"packages\":["u8.ToArray();

    /// <summary>Tries every zlib header in the window from <paramref name="from"/> up to
    /// <paramref name="tail"/> bytes before its end (all of it at the end of the stream); null when none is the section.</summary>
    public static async ValueTask<List<Package>?> TryReadAsync(ForwardScanner scanner, int from, int tail, string path, DetectionContext context, CancellationToken cancellationToken)
    {
        var limit = scanner.AtEnd ? scanner.Window.Length : scanner.Window.Length - tail;
        var found = -1;
        for (var offset = from; offset < limit; offset++)
        {
            var index = scanner.Window[offset..limit].IndexOf((byte)0x78);
            if (index < 0)
            {
                break;
            }

            offset += index;
            var window = scanner.Window;
            if (window.Length - offset >= 2 + JsonStart.Length
                && ((window[offset] << 8) | window[offset + 1]) % 31 == 0
                && (window[offset + 1] & 0x20) == 0
                && StartsWithPackagesJson(scanner.Segment(offset)))
            {
                found = offset;
                break;
            }
        }

        if (found < 0)
        {
            return null;
        }

        await scanner.EnsureAsync(found, MaxCompressedBytes, cancellationToken);
        using var document = JsonDocument.Parse(Inflate(scanner.Segment(found), path));
        var packages = new List<Package>();
        foreach (var entry in document.RootElement.GetProperty("packages").EnumerateArray())
        {
            var name = entry.TryGetProperty("name", out var n) ? n.GetString() : null;
            var version = entry.TryGetProperty("version", out var v) ? v.GetString() : null;
            var source = entry.TryGetProperty("source", out var s) ? s.GetString() : null;
            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(version))
            {
                context.Warn($"{path}: an embedded dependency has no name or version; skipped.");
                continue;
            }

            if (source != "local")
            {
                // Compiled into this binary: a Cargo.lock naming the same version is evidence for it.
                packages.Add(Crates.Create(name, version, path) with { InstallPath = path });
            }
        }

        return packages;
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
