using System.IO.Compression;
using Drydock.Data.Sqlite;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Advisories;
using Drydock.Testing;

namespace Drydock.Data.Tests.Sqlite;

public sealed class OfflineBundleTests : IDisposable
{
    private readonly TempDirectory _directory = new("drydock-bundle");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private async Task<SqliteAdvisoryStore> StoreWithKevAsync(string name)
    {
        var store = new SqliteAdvisoryStore(_directory.Combine(name), TimeProvider.System);
        var kev = Ecosystems.AdvisoryFormats.EnrichmentSources.All.Single(s => s.Name == "cisa-kev");
        await using var file = File.OpenRead(TestPaths.Shared("feeds", "kev-epss", "claircore", "known_exploited_vulnerabilities.json"));
        await store.ReplaceSourceAsync(kev.Name, kev.ParseAsync(file, CancellationToken.None), new Fingerprint("f"), CancellationToken.None);
        return store;
    }

    [Fact]
    public async Task ImportAsync_ExportedBundle_GivesTheSameDatabase()
    {
        var store = await StoreWithKevAsync("a.sqlite");
        var bundle = _directory.Combine("bundle.zip");

        var exported = await OfflineBundle.ExportAsync(store, bundle, TimeProvider.System, CancellationToken.None);
        var imported = await OfflineBundle.ImportAsync(bundle, _directory.Combine("b.sqlite"), CancellationToken.None);

        Assert.Equal(exported.Sha256, imported.Sha256);
        var copy = new SqliteAdvisoryStore(_directory.Combine("b.sqlite"), TimeProvider.System);
        Assert.Equal(await store.GetSourceStatusAsync(CancellationToken.None), await copy.GetSourceStatusAsync(CancellationToken.None));
        Assert.Equal(1, (await copy.GetVersionAsync(CancellationToken.None))!.Revision);
    }

    [Fact]
    public async Task ImportAsync_TamperedDatabase_FailsAndKeepsTheTarget()
    {
        var store = await StoreWithKevAsync("a.sqlite");
        var bundle = _directory.Combine("bundle.zip");
        await OfflineBundle.ExportAsync(store, bundle, TimeProvider.System, CancellationToken.None);
        using (var zip = ZipFile.Open(bundle, ZipArchiveMode.Update))
        {
            zip.GetEntry("vulndb.sqlite")!.Delete();
            await using var entry = await zip.CreateEntry("vulndb.sqlite").OpenAsync();
            await entry.WriteAsync(new byte[] { 1, 2, 3 });
        }

        var target = _directory.Combine("target.sqlite");
        await File.WriteAllTextAsync(target, "previous");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => OfflineBundle.ImportAsync(bundle, target, CancellationToken.None));

        Assert.Contains("does not match the manifest", error.Message, StringComparison.Ordinal);
        Assert.Equal("previous", await File.ReadAllTextAsync(target));
    }
}
