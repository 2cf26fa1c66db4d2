using Drydock.Data.Sqlite;
using Drydock.Registry.Blobs;
using Drydock.Registry.GarbageCollection;
using Drydock.Registry.Manifests;
using Drydock.Registry.Namespaces;
using Drydock.Registry.Storage.FileSystem;
using Drydock.Registry.Uploads;
using Drydock.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Drydock.Registry.Tests;

/// <summary>The registry services over a real SQLite database and filesystem store in a temp directory, with a settable clock.</summary>
public sealed class RegistryHarness : IDisposable
{
    private RegistryHarness(TempDirectory directory, RegistryOptions options)
    {
        Directory = directory;
        Options = options;
        Database = new SqliteDatabase(directory.Combine("drydock.db"));
        Store = new SqliteRegistryStore(Database);
        Blobs = new FileSystemBlobStore(directory.Path, Clock);
        Namespaces = new NamespaceService(Store, options, Clock);
        Uploads = new UploadService(Store, Blobs, Namespaces, options, Clock, NullLogger<UploadService>.Instance);
        BlobService = new BlobService(Store, Blobs);
        Manifests = new ManifestService(Store, Namespaces, options, Clock);
        Collector = new GarbageCollector(Store, Blobs, options, Clock, NullLogger<GarbageCollector>.Instance);
    }

    public TempDirectory Directory { get; }

    public RegistryOptions Options { get; }

    public SettableClock Clock { get; } = new();

    public SqliteDatabase Database { get; }

    public SqliteRegistryStore Store { get; }

    public FileSystemBlobStore Blobs { get; }

    public NamespaceService Namespaces { get; }

    public UploadService Uploads { get; }

    public BlobService BlobService { get; }

    public ManifestService Manifests { get; }

    public GarbageCollector Collector { get; }

    public static async Task<RegistryHarness> CreateAsync(RegistryOptions? options = null)
    {
        var harness = new RegistryHarness(new TempDirectory("drydock-registry"), options ?? new RegistryOptions());
        await harness.Database.InitializeAsync(SqliteMigrationSet.Registry, TimeProvider.System, CancellationToken.None);
        return harness;
    }

    public void Dispose() => Directory.Dispose();

    /// <summary>A clock tests move forward (the file system's own times stay real).</summary>
    public sealed class SettableClock : TimeProvider
    {
        public TimeSpan Offset { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
    }
}
