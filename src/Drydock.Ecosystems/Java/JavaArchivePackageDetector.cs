using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;
using EcosystemKeys = Drydock.Scanning.Abstractions.Model.Ecosystems;

namespace Drydock.Ecosystems.Java;

/// <summary>
/// Maven artifacts in Java archives (jar, war, ear, and Jenkins' jpi/hpi), including archives nested in
/// archives to any depth (Spring Boot's BOOT-INF/lib, WEB-INF/lib, an ear's modules). The archive is read
/// forward from the layer stream, one local header after another, never extracted and never held whole:
/// memory stays at a few buffers per nesting level whatever the archive size.
/// Every <c>META-INF/maven/&lt;group&gt;/&lt;artifact&gt;/pom.properties</c> is a package (so a shaded jar
/// reports each artifact shaded into it); an archive without one falls back to its
/// <c>META-INF/MANIFEST.MF</c> attributes and then to its file name (<c>name-1.2.3.jar</c>).
/// </summary>
internal sealed partial class JavaArchivePackageDetector : IPackageDetector
{
    private const uint LocalHeader = 0x04034b50;
    private const uint CentralHeader = 0x02014b50;
    private const uint EndOfCentralDirectory = 0x06054b50;
    private const uint Zip64EndOfCentralDirectory = 0x06064b50;
    private const int MaxDepth = 8;
    private const int MaxTextBytes = 1024 * 1024;
    private const int MaxPrefixBytes = 1024 * 1024;

    public string Name => "java-archive";

    public int Version => 1;

    public bool IsCandidate(string path) => IsArchiveName(path);

    public async IAsyncEnumerable<Package> DetectAsync(
        LayerFile file,
        DetectionContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var packages = new List<Package>();
        await ReadArchiveAsync(file.Content, file.Path, file.Path, 0, packages, context, cancellationToken);
        var seen = new HashSet<(string, string)>();
        foreach (var package in packages)
        {
            if (seen.Add((package.Name, package.Version)))
            {
                yield return package;
            }
        }
    }

    private static bool IsArchiveName(string path) =>
        path.EndsWith(".jar", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".war", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".ear", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".jpi", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".hpi", StringComparison.OrdinalIgnoreCase);

    private static async Task ReadArchiveAsync(
        Stream stream,
        string archivePath,
        string filePath,
        int depth,
        List<Package> packages,
        DetectionContext context,
        CancellationToken cancellationToken)
    {
        var input = new ZipInput(stream);
        var found = new List<Package>();
        Dictionary<string, string>? manifest = null;
        var first = true;
        while (await input.FillAsync(30, cancellationToken))
        {
            var signature = input.PeekUInt32(0);
            if (signature != LocalHeader)
            {
                if (signature is CentralHeader or EndOfCentralDirectory or Zip64EndOfCentralDirectory)
                {
                    break; // the entries are over; the central directory only repeats them
                }

                if (first && await SkipPrefixAsync(input, cancellationToken))
                {
                    first = false;
                    continue; // a launcher script before the archive (Spring Boot "fully executable" jars)
                }

                throw new InvalidDataException($"{archivePath} is not a zip archive (or is corrupt).");
            }

            first = false;
            var flags = input.PeekUInt16(6);
            var method = input.PeekUInt16(8);
            long compressedSize = input.PeekUInt32(18);
            var nameLength = input.PeekUInt16(26);
            var extraLength = input.PeekUInt16(28);
            if (!await input.FillAsync(30 + nameLength + extraLength, cancellationToken) || 30 + nameLength + extraLength > ZipInput.BufferSize)
            {
                throw new InvalidDataException($"{archivePath} ends inside a local file header.");
            }

            var name = Encoding.UTF8.GetString(input.Available.Slice(30, nameLength));
            if (compressedSize == uint.MaxValue)
            {
                compressedSize = Zip64CompressedSize(input.Available.Slice(30 + nameLength, extraLength), input.PeekUInt32(22) == uint.MaxValue) ?? compressedSize;
            }

            input.Consume(30 + nameLength + extraLength);
            var hasDescriptor = (flags & 0x08) != 0;
            var raw = new ZipEntryStream(input, hasDescriptor ? null : compressedSize);
            var encrypted = (flags & 0x01) != 0;
            var kind = encrypted || method is not (0 or 8) ? EntryKind.Other : Classify(name);
            if (kind != EntryKind.Other)
            {
                await using var data = method == 8 ? new DeflateStream(raw, CompressionMode.Decompress, leaveOpen: true) : (Stream)raw;
                switch (kind)
                {
                    case EntryKind.PomProperties:
                        if (ReadPomProperties(name, await ReadTextAsync(data, cancellationToken), filePath) is { } package)
                        {
                            found.Add(package);
                        }

                        break;
                    case EntryKind.Manifest:
                        manifest = ParseManifest(await ReadTextAsync(data, cancellationToken));
                        break;
                    case EntryKind.Archive when depth < MaxDepth:
                        var nestedPath = $"{archivePath}!/{name}";
                        try
                        {
                            await ReadArchiveAsync(data, nestedPath, filePath, depth + 1, packages, context, cancellationToken);
                        }
                        catch (InvalidDataException exception)
                        {
                            context.Warn($"{filePath}: nested archive {name} could not be read ({exception.Message}); skipped.");
                        }

                        break;
                }
            }

            await raw.DrainAsync(cancellationToken);
        }

        if (first && !(input.Available.Length >= 4 && input.PeekUInt32(0) == EndOfCentralDirectory))
        {
            throw new InvalidDataException($"{archivePath} is not a zip archive (or is corrupt).");
        }

        if (found.Count > 0)
        {
            packages.AddRange(found);
        }
        else if (FromManifestOrFileName(archivePath, manifest, filePath) is { } fallback)
        {
            packages.Add(fallback);
        }
    }

    private static async Task<bool> SkipPrefixAsync(ZipInput input, CancellationToken cancellationToken)
    {
        var skipped = 0;
        while (skipped < MaxPrefixBytes)
        {
            await input.FillAsync(ZipInput.BufferSize, cancellationToken);
            if (input.Available.Length < 4)
            {
                return false;
            }

            var index = input.Available[1..].IndexOf("PK\x03\x04"u8);
            if (index >= 0)
            {
                input.Consume(index + 1);
                return true;
            }

            var step = input.Available.Length - 3;
            input.Consume(step);
            skipped += step;
        }

        return false;
    }

    private static long? Zip64CompressedSize(ReadOnlySpan<byte> extra, bool uncompressedAlsoInZip64)
    {
        while (extra.Length >= 4)
        {
            var id = BitConverter.ToUInt16(extra);
            var size = BitConverter.ToUInt16(extra[2..]);
            if (id == 0x0001 && extra.Length >= 4 + size)
            {
                var offset = uncompressedAlsoInZip64 ? 8 : 0;
                return size >= offset + 8 ? BitConverter.ToInt64(extra[(4 + offset)..]) : null;
            }

            extra = extra[Math.Min(extra.Length, 4 + size)..];
        }

        return null;
    }

    private static EntryKind Classify(string name)
    {
        if (name.EndsWith('/'))
        {
            return EntryKind.Other;
        }

        if (name.StartsWith("META-INF/maven/", StringComparison.Ordinal) && name.EndsWith("/pom.properties", StringComparison.Ordinal))
        {
            return EntryKind.PomProperties;
        }

        if (name.Equals("META-INF/MANIFEST.MF", StringComparison.OrdinalIgnoreCase))
        {
            return EntryKind.Manifest;
        }

        return IsArchiveName(name) ? EntryKind.Archive : EntryKind.Other;
    }

    private static async Task<string> ReadTextAsync(Stream data, CancellationToken cancellationToken)
    {
        // Manifests and pom.properties are a few hundred bytes; the cap only guards against a hostile entry.
        using var text = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while (text.Length < MaxTextBytes && (read = await data.ReadAsync(buffer, cancellationToken)) > 0)
        {
            text.Write(buffer, 0, read);
        }

        return Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)Math.Min(text.Length, MaxTextBytes));
    }

    // Java properties as maven-archiver writes them: "#" comments, key=value lines.
    private static Package? ReadPomProperties(string entryName, string text, string filePath)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] is '#' or '!')
            {
                continue;
            }

            var separator = line.IndexOfAny(['=', ':']);
            if (separator > 0)
            {
                properties[line[..separator].Trim()] = line[(separator + 1)..].Trim();
            }
        }

        // META-INF/maven/<groupId>/<artifactId>/pom.properties names the coordinates too.
        var segments = entryName.Split('/');
        var group = properties.GetValueOrDefault("groupId") ?? (segments.Length == 5 ? segments[2] : null);
        var artifact = properties.GetValueOrDefault("artifactId") ?? (segments.Length == 5 ? segments[3] : null);
        var version = properties.GetValueOrDefault("version");
        return string.IsNullOrEmpty(group) || string.IsNullOrEmpty(artifact) || string.IsNullOrEmpty(version)
            ? null
            : Create(group, artifact, version, filePath);
    }

    // The main section of a JAR manifest: "Name: value" lines, continued by lines starting with a space.
    private static Dictionary<string, string> ParseManifest(string text)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0)
            {
                break; // the main section ends at the first empty line
            }

            if (line[0] == ' ' && last is not null)
            {
                attributes[last] += line[1..];
                continue;
            }

            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon > 0)
            {
                last = line[..colon];
                attributes[last] = line[(colon + 2)..].Trim();
            }
        }

        return attributes;
    }

    private static Package? FromManifestOrFileName(string archivePath, Dictionary<string, string>? manifest, string filePath)
    {
        var fileName = archivePath[(archivePath.LastIndexOf('/') + 1)..];
        var match = FileNameRegex().Match(fileName);
        var artifact = match.Success ? match.Groups["name"].Value : null;
        var version = manifest?.GetValueOrDefault("Implementation-Version")
            ?? manifest?.GetValueOrDefault("Bundle-Version")
            ?? (match.Success ? match.Groups["version"].Value : null);
        artifact ??= manifest?.GetValueOrDefault("Implementation-Title");
        if (string.IsNullOrEmpty(artifact) || string.IsNullOrEmpty(version) || artifact.Contains(' ', StringComparison.Ordinal))
        {
            return null;
        }

        var group = manifest?.GetValueOrDefault("Implementation-Vendor-Id") ?? GroupFromSymbolicName(manifest?.GetValueOrDefault("Bundle-SymbolicName"), artifact);
        return Create(group, artifact, version, filePath);
    }

    // An OSGi symbolic name is often "<groupId>.<artifactId>" (org.apache.commons.commons-lang3 is not,
    // but com.fasterxml.jackson.core.jackson-databind is): use the prefix only when the suffix is the artifact.
    private static string? GroupFromSymbolicName(string? symbolicName, string artifact)
    {
        var name = symbolicName?.Split(';')[0].Trim();
        return name is not null && name.EndsWith("." + artifact, StringComparison.Ordinal) ? name[..^(artifact.Length + 1)] : null;
    }

    private static Package Create(string? group, string artifact, string version, string filePath) => new()
    {
        Ecosystem = EcosystemKeys.Maven,
        Name = group is null ? artifact : $"{group}:{artifact}",
        Version = version,
        Purl = PackageUrl.Create(EcosystemKeys.Maven, group, artifact, version),
        FilePath = filePath,
    };

    [GeneratedRegex(@"^(?<name>[A-Za-z0-9_.\-]+?)-(?<version>\d[A-Za-z0-9_.\-+]*)\.(jar|war|ear|jpi|hpi)$", RegexOptions.IgnoreCase)]
    private static partial Regex FileNameRegex();

    private enum EntryKind
    {
        Other,
        PomProperties,
        Manifest,
        Archive,
    }
}
