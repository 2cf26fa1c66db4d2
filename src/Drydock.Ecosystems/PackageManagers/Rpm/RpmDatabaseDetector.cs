using System.Runtime.CompilerServices;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;
using Microsoft.Data.Sqlite;
using PackageEcosystems = Drydock.Scanning.Abstractions.Model.Ecosystems;

namespace Drydock.Ecosystems.PackageManagers.Rpm;

/// <summary>
/// Finds the packages of an rpm database in any of its three formats, read natively: SQLite
/// (<c>rpmdb.sqlite</c>), Berkeley DB hash (<c>Packages</c>) and ndb (<c>Packages.db</c>), in
/// <c>var/lib/rpm</c>, <c>usr/lib/sysimage/rpm</c> and <c>usr/share/rpm</c> (rpm-ostree). The format
/// is recognised from the file's first bytes, not its name.
/// </summary>
/// <remarks>
/// <para><see cref="Package.Version"/> is <c>[epoch:]version-release</c> exactly as rpm's
/// <c>%{EVR}</c> prints it (the epoch only when the header has one): that is the string the rpm
/// version scheme compares and what Red Hat and SUSE advisories state as fixed versions.</para>
/// <para>The purl is <c>pkg:rpm/NAME@VERSION-RELEASE?arch=ARCH&amp;epoch=N</c> without a namespace or
/// <c>distro</c> qualifier: layer results are cached per layer, and the distribution (the purl
/// namespace, e.g. <c>redhat</c>, and <c>distro=rhel-9</c>) is only known once the whole image has
/// been walked, so the engine completes it then. The epoch qualifier is left out for epoch 0, as
/// the purl specification's rpm examples do.</para>
/// <para>A database the reader cannot make sense of, wholly or in part, becomes a warning naming the
/// file; the packages read before the damage are kept.</para>
/// </remarks>
internal sealed class RpmDatabaseDetector : IPackageDetector
{
    /// <summary>The largest database copied for reading. The rpm databases of full servers stay
    /// well under a gigabyte; a container image's are a few tens of megabytes.</summary>
    internal const long MaxDatabaseBytes = 1L << 30;

    private const string SourceSuffix = ".src.rpm";
    private const string NoSourceSuffix = ".nosrc.rpm";

    private RpmDatabaseDetector()
    {
    }

    /// <summary>The one instance every rpm distribution module registers.</summary>
    public static RpmDatabaseDetector Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "rpmdb";

    /// <inheritdoc/>
    public int Version => 1;

    /// <inheritdoc/>
    public bool IsCandidate(string path) =>
        IsDatabaseIn(path, "var/lib/rpm/") || IsDatabaseIn(path, "usr/lib/sysimage/rpm/") || IsDatabaseIn(path, "usr/share/rpm/");

    /// <inheritdoc/>
    public async IAsyncEnumerable<Package> DetectAsync(
        LayerFile file,
        DetectionContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(context);
        if (file.Size == 0)
        {
            yield break; // An empty placeholder, left behind when rpm moved its database elsewhere.
        }

        if (file.Size > MaxDatabaseBytes)
        {
            context.Warn($"{file.Path}: the rpm database is {file.Size} bytes, more than the {MaxDatabaseBytes} bytes Drydock reads; its packages were not read.");
            yield break;
        }

        // The layer stream reads forward only, and every format needs random access (SQLite needs
        // a file path), so the database is copied into a private folder and read from there.
        var folder = Directory.CreateTempSubdirectory("drydock-rpmdb-");
        try
        {
            var copy = Path.Combine(folder.FullName, "rpmdb");
            long copied;
            await using (var target = new FileStream(copy, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                copied = await CopyBoundedAsync(file.Content, target, cancellationToken);
            }

            if (copied > MaxDatabaseBytes)
            {
                context.Warn($"{file.Path}: the rpm database holds more than the {MaxDatabaseBytes} bytes its tar header declared or Drydock reads; its packages were not read.");
                yield break;
            }

            foreach (var package in Read(copy, file.Path, context, cancellationToken))
            {
                yield return package;
            }
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the system cleans its temp folder; a scan must not fail on this.
            }
        }
    }

    /// <summary>Copies at most one byte more than <see cref="MaxDatabaseBytes"/>, so an oversized
    /// stream is noticed without filling the disk.</summary>
    private static async Task<long> CopyBoundedAsync(Stream source, Stream target, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while (total <= MaxDatabaseBytes && (read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            var keep = (int)Math.Min(read, MaxDatabaseBytes + 1 - total);
            await target.WriteAsync(buffer.AsMemory(0, keep), cancellationToken);
            total += read;
        }

        return total;
    }

    /// <summary>Reads the packages of the database file at <paramref name="path"/>; <paramref name="imagePath"/>
    /// is the path inside the image that warnings and packages name.</summary>
    internal static List<Package> Read(string path, string imagePath, DetectionContext context, CancellationToken cancellationToken)
    {
        var packages = new List<Package>();
        var warn = (string message) => context.Warn($"{imagePath}: {message}.");
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
            var length = RandomAccess.GetLength(handle);
            Span<byte> start = stackalloc byte[16];
            var startLength = RandomAccess.Read(handle, start, 0);
            start = start[..startLength];

            IEnumerable<ReadOnlyMemory<byte>> blobs;
            if (SqliteRpmDatabase.IsMatch(start))
            {
                blobs = SqliteRpmDatabase.ReadBlobs(path, warn);
            }
            else if (NdbRpmDatabase.IsMatch(start))
            {
                blobs = NdbRpmDatabase.ReadBlobs(handle, length, warn);
            }
            else if (BdbRpmDatabase.IsMatch(start))
            {
                blobs = BdbRpmDatabase.ReadBlobs(handle, length, warn);
            }
            else
            {
                warn("the file is not an rpm database in a known format (SQLite, Berkeley DB hash or ndb); it was not read");
                return packages;
            }

            var number = 0;
            foreach (var blob in blobs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                number++;
                if (!RpmHeader.TryParse(blob.Span, out var header, out var error))
                {
                    warn($"header {number} was skipped: {error}");
                    continue;
                }

                // rpm stores imported signing keys as fake "gpg-pubkey" packages.
                if (header.Name != "gpg-pubkey")
                {
                    packages.Add(ToPackage(header, imagePath));
                }
            }
        }
        catch (Exception exception) when (exception is InvalidDataException or SqliteException or IOException)
        {
            warn($"the rpm database is damaged, {packages.Count} packages were read before: {exception.Message.TrimEnd('.')}");
        }

        return packages;
    }

    private static Package ToPackage(RpmHeader header, string imagePath)
    {
        var (sourceName, sourceVersion) = ParseSourceRpm(header.SourceRpm, header.Epoch);
        var version = header.Evr;
        return new Package
        {
            Ecosystem = PackageEcosystems.Rpm,
            Name = header.Name,
            Version = version,
            SourceName = sourceName,
            SourceVersion = sourceVersion == version ? null : sourceVersion,
            Architecture = header.Architecture,
            License = header.License,
            Vendor = header.Vendor,
            Module = header.ModularityLabel,
            Purl = PackageUrl.Create(
                PackageEcosystems.Rpm,
                ns: null,
                header.Name,
                $"{header.Version}-{header.Release}",
                [
                    new("arch", header.Architecture),
                    new("epoch", header.Epoch is > 0 ? header.Epoch.Value.ToString() : null),
                ]),
            FilePath = imagePath,
        };
    }

    /// <summary>
    /// Splits <c>name-version-release.src.rpm</c>. The file name has no epoch; a source package and
    /// the binaries built from it share one spec file and so one epoch, which is added back.
    /// </summary>
    internal static (string? Name, string? Version) ParseSourceRpm(string? sourceRpm, int? epoch)
    {
        if (string.IsNullOrEmpty(sourceRpm))
        {
            return (null, null);
        }

        var stem = sourceRpm.EndsWith(SourceSuffix, StringComparison.Ordinal) ? sourceRpm[..^SourceSuffix.Length]
            : sourceRpm.EndsWith(NoSourceSuffix, StringComparison.Ordinal) ? sourceRpm[..^NoSourceSuffix.Length]
            : null;
        var releaseDash = stem?.LastIndexOf('-') ?? -1;
        var versionDash = releaseDash > 0 ? stem!.LastIndexOf('-', releaseDash - 1) : -1;
        if (versionDash <= 0 || releaseDash == stem!.Length - 1 || versionDash == releaseDash - 1)
        {
            return (null, null);
        }

        var versionRelease = stem[(versionDash + 1)..];
        return (stem[..versionDash], epoch is { } e ? $"{e}:{versionRelease}" : versionRelease);
    }

    private static bool IsDatabaseIn(string path, string directory) =>
        path.StartsWith(directory, StringComparison.Ordinal) &&
        path.AsSpan(directory.Length) is "Packages" or "Packages.db" or "rpmdb.sqlite";
}
