using Drydock.Data.Sqlite;
using Drydock.Ecosystems;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Testing;

namespace Drydock.Tests.Commands;

/// <summary>A vulnerability database holding the real Alpine 3.10 main secdb feed, for scans of alpine:3.10.</summary>
internal static class AlpineSecdbDatabase
{
    public static async Task<string> CreateAsync(TempDirectory directory)
    {
        var path = directory.Combine("vulndb.sqlite");
        var store = new SqliteAdvisoryStore(path, TimeProvider.System);
        var alpine = BuiltInEcosystems.CreateRegistry().AdvisorySources.Single(s => s.Name == "alpine-secdb");
        await using var yaml = File.OpenRead(TestPaths.Shared("feeds", "alpine-secdb", "v3.10", "main.yaml"));
        await store.ReplaceSourceAsync(alpine.Name, alpine.ParseAsync(yaml, CancellationToken.None), new Fingerprint("t"), CancellationToken.None);
        return path;
    }
}
