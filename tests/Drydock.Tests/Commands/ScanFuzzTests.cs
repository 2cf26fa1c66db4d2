using System.Formats.Tar;
using System.IO.Compression;
using Drydock.Commands;
using Drydock.Testing;
using Drydock.Testing.Fuzzing;

namespace Drydock.Tests.Commands;

/// <summary>
/// <c>drydock scan docker-archive:…</c> on mutations of the real alpine:3.10 save (its manifest.json, its config, its
/// layer's tar headers, the archive's own headers, truncations): whatever the damage, the command ends with exit code
/// 0 or 1 and never lets an exception out. A bounded, seeded run in the suite; longer runs:
/// <c>DRYDOCK_FUZZ_ITERATIONS=2000 dotnet test tests/Drydock.Tests -c Release --filter FullyQualifiedName~ScanFuzzTests</c>.
/// </summary>
public sealed class ScanFuzzTests : IDisposable
{
    private const int DefaultIterations = 24;

    private readonly TempDirectory _directory = new("drydock-scan-fuzz");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [Fact]
    public async Task RunAsync_MutatedDockerArchive_ExitCodeNeverAnUnhandledException()
    {
        var database = await DatabaseAsync();
        var entries = await ReadSaveAsync();
        var mutator = new ByteMutator(ByteMutator.Seed(16));
        var random = new Random(ByteMutator.Seed(16));
        var codes = new List<int>();
        for (var i = 0; i < ByteMutator.Iterations(DefaultIterations); i++)
        {
            var path = _directory.Combine($"case-{i}.tar");
            var mutated = entries.Select(e => (e.Name, e.Content)).ToList();
            var which = random.Next(5);
            if (which < 4)
            {
                // 0: manifest.json, 1: the config, 2 and 3: the layer's first headers and files.
                var index = which switch
                {
                    0 => mutated.FindIndex(e => e.Name == "manifest.json"),
                    1 => mutated.FindIndex(e => e.Name.EndsWith(".json", StringComparison.Ordinal) && e.Name != "manifest.json"),
                    _ => mutated.FindIndex(e => e.Name.EndsWith("layer.tar", StringComparison.Ordinal)),
                };
                var content = mutated[index].Content;
                mutated[index] = (mutated[index].Name, mutator.Mutate(content, 0, Math.Min(content.Length, 16 * 1024)));
                await File.WriteAllBytesAsync(path, await TarAsync(mutated));
            }
            else
            {
                // The archive's own tar structure: its first headers, or a cut.
                var archive = await TarAsync(mutated);
                await File.WriteAllBytesAsync(path, mutator.Mutate(archive, 0, 4096));
            }

            var code = await ScanAsync(path, database);

            Assert.True(code is 0 or 1, $"case {i} ({which}) exited {code}");
            codes.Add(code);
            File.Delete(path);
        }

        // The run reached both outcomes: some damage is harmless (inside file data), some is refused.
        Assert.Contains(1, codes);
    }

    private static async Task<int> ScanAsync(string archive, string database)
    {
        using var output = new StringWriter();
        return await ScanCommand.RunAsync(
            new ScanCommand.Settings($"docker-archive:{archive}", "json", null, false, 0, null, false, database, null, null, false, null), output, CancellationToken.None);
    }

    private Task<string> DatabaseAsync() => AlpineSecdbDatabase.CreateAsync(_directory);

    // The regular files of the real `docker save` of alpine:3.10, in archive order.
    private static async Task<List<(string Name, byte[] Content)>> ReadSaveAsync()
    {
        var entries = new List<(string Name, byte[] Content)>();
        await using var file = File.OpenRead(TestPaths.Shared("images", "alpine-310.tar.gz"));
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
        {
            if (entry.DataStream is { } data && entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
            {
                using var buffer = new MemoryStream();
                await data.CopyToAsync(buffer);
                entries.Add((entry.Name, buffer.ToArray()));
            }
        }

        return entries;
    }

    private static async Task<byte[]> TarAsync(IEnumerable<(string Name, byte[] Content)> entries)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
            }
        }

        return buffer.ToArray();
    }
}
