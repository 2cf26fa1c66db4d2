using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace Drydock.Scanning.Advisories;

/// <summary>
/// The offline bundle: a zip holding <c>manifest.json</c> (format, database revision, schema version,
/// size and SHA-256 of the database file) and <c>vulndb.sqlite</c> (deflated). Import verifies size and
/// checksum before anything is replaced, then renames the verified file over the database in one step.
/// </summary>
public static class OfflineBundle
{
    /// <summary>The manifest's format name.</summary>
    public const string Format = "drydock-vulndb-bundle/1";

    private const string DatabaseEntry = "vulndb.sqlite";
    private const string ManifestEntry = "manifest.json";

    /// <summary>Writes a bundle of the store's database to <paramref name="bundlePath"/>.</summary>
    public static async Task<BundleManifest> ExportAsync(IAdvisoryStore store, string bundlePath, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        var snapshot = Path.Combine(Path.GetTempPath(), $"drydock-vulndb-{Guid.NewGuid():N}.sqlite");
        try
        {
            await store.BackupToAsync(snapshot, cancellationToken);
            var version = await store.GetVersionAsync(cancellationToken);
            string digest;
            await using (var read = File.OpenRead(snapshot))
            {
                digest = Convert.ToHexStringLower(await SHA256.HashDataAsync(read, cancellationToken));
            }

            var manifest = new BundleManifest(Format, version?.Revision ?? 0, version?.UpdatedAt, version?.SchemaVersion ?? 0, new FileInfo(snapshot).Length, digest, time.GetUtcNow());
            var temporary = bundlePath + ".partial";
            await using (var output = File.Create(temporary))
            using (var zip = new ZipArchive(output, ZipArchiveMode.Create))
            {
                var manifestEntry = zip.CreateEntry(ManifestEntry);
                await using (var stream = await manifestEntry.OpenAsync(cancellationToken))
                {
                    await JsonSerializer.SerializeAsync(stream, manifest, cancellationToken: cancellationToken);
                }

                zip.CreateEntryFromFile(snapshot, DatabaseEntry, CompressionLevel.SmallestSize);
            }

            File.Move(temporary, bundlePath, overwrite: true);
            return manifest;
        }
        finally
        {
            File.Delete(snapshot);
        }
    }

    /// <summary>Verifies the bundle and replaces <paramref name="databasePath"/> with its database. A bundle
    /// that fails verification changes nothing and throws <see cref="InvalidDataException"/> saying why.</summary>
    public static async Task<BundleManifest> ImportAsync(string bundlePath, string databasePath, CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = target + ".import";
        try
        {
            BundleManifest manifest;
            using (var zip = ZipFile.OpenRead(bundlePath))
            {
                var manifestEntry = zip.GetEntry(ManifestEntry) ?? throw new InvalidDataException($"{bundlePath} has no {ManifestEntry}; it is not a drydock advisory bundle.");
                await using (var stream = await manifestEntry.OpenAsync(cancellationToken))
                {
                    manifest = await JsonSerializer.DeserializeAsync<BundleManifest>(stream, cancellationToken: cancellationToken)
                               ?? throw new InvalidDataException($"{bundlePath}: the manifest is empty.");
                }

                if (manifest.Format != Format)
                {
                    throw new InvalidDataException($"{bundlePath}: bundle format '{manifest.Format}' is not '{Format}'.");
                }

                var databaseEntry = zip.GetEntry(DatabaseEntry) ?? throw new InvalidDataException($"{bundlePath} has no {DatabaseEntry}.");
                await using (var source = await databaseEntry.OpenAsync(cancellationToken))
                await using (var output = File.Create(temporary))
                {
                    await source.CopyToAsync(output, cancellationToken);
                }
            }

            string digest;
            await using (var read = File.OpenRead(temporary))
            {
                digest = Convert.ToHexStringLower(await SHA256.HashDataAsync(read, cancellationToken));
            }

            var size = new FileInfo(temporary).Length;
            if (size != manifest.Size || digest != manifest.Sha256)
            {
                throw new InvalidDataException($"{bundlePath}: the database does not match the manifest (size {size} vs {manifest.Size}, sha256 {digest} vs {manifest.Sha256}); nothing was replaced.");
            }

            // A stale write-ahead log beside the old file would be replayed onto the new one.
            File.Delete(target + "-wal");
            File.Delete(target + "-shm");
            File.Move(temporary, target, overwrite: true);
            return manifest;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
