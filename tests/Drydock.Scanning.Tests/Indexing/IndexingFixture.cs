using Drydock.Ecosystems;
using Drydock.Oci.Sources;
using Drydock.Scanning.Abstractions.Ecosystems;
using Drydock.Scanning.Indexing;

namespace Drydock.Scanning.Tests.Indexing;

/// <summary>Opens targets and indexes them with the built-in detectors, as the hosts do.</summary>
internal static class IndexingFixture
{
    public static EcosystemRegistry Registry { get; } = BuiltInEcosystems.CreateRegistry();

    public static async Task<ImageInventory> IndexAsync(
        string target, ILayerResultCache? cache = null, IndexerOptions? options = null, EcosystemRegistry? registry = null, ImageIndexer? indexer = null)
    {
        Assert.True(ImageTarget.TryParse(target, out var parsed, out var error), error);
        await using var source = await ImageSources.OpenAsync(parsed, new ImageSourceOptions(), CancellationToken.None);
        indexer ??= new ImageIndexer(registry ?? Registry, cache, options);
        return await indexer.IndexAsync(source, null, CancellationToken.None);
    }

    /// <summary>dpkg-query's view of a dpkg database directory: name, version, architecture, source
    /// name and source version of each package whose files are on disk.</summary>
    public static async Task<SortedSet<string>> DpkgQueryAsync(string adminDirectory)
    {
        var result = await Drydock.Testing.ExternalTool.RunAsync(
            "dpkg-query",
            [$"--admindir={adminDirectory}", "-W", "-f=${db:Status-Status}\\t${Package}\\t${Version}\\t${Architecture}\\t${source:Package}\\t${source:Version}\\n"],
            CancellationToken.None);
        // dpkg-query -W lists every package not purged; removed packages keep "config-files".
        string[] present = ["installed", "half-configured", "triggers-awaited", "triggers-pending", "unpacked", "half-installed"];
        return new SortedSet<string>(
            result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('\t'))
                .Where(fields => present.Contains(fields[0]))
                .Select(fields => string.Join('\t', fields[1..])),
            StringComparer.Ordinal);
    }

    public static SortedSet<string> DebLines(ImageInventory inventory) => new(
        inventory.Packages.Where(p => p.Ecosystem == "deb")
            .Select(p => $"{p.Name}\t{p.Version}\t{p.Architecture}\t{p.SourceName ?? p.Name}\t{p.SourceVersion ?? p.Version}"),
        StringComparer.Ordinal);
}
