using System.CommandLine;
using Drydock.Ecosystems;
using Drydock.Oci.Layers;
using Drydock.Oci.Manifests;
using Drydock.Oci.Sources;
using Drydock.Output;
using Drydock.Scanning.Indexing;
using Drydock.Scanning.Reports;

namespace Drydock.Commands;

/// <summary>
/// <c>drydock sbom TARGET [--format cyclonedx|spdx|json] [--output FILE] [--platform P] [--insecure]
/// [--cache-dir DIR]</c>: indexes an image and writes its SBOM. Layer results are cached under
/// <c>layers</c> in the user's cache directory (<see cref="CachePaths"/>) unless <c>--cache-dir</c> names another
/// directory. Progress goes to standard error.
/// </summary>
internal static class SbomCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("TARGET")
        {
            Description = "docker://HOST/REPO:TAG|@DIGEST (or bare), oci:PATH[:REF], oci-archive:PATH, docker-archive:PATH, dir:PATH.",
        };
        var format = new Option<string>("--format")
        {
            Description = "cyclonedx (CycloneDX 1.6 JSON), spdx (SPDX 2.3 JSON) or json (Drydock's inventory).",
            DefaultValueFactory = _ => "cyclonedx",
        };
        format.AcceptOnlyFromAmong([.. InventoryWriters.Formats]);
        var output = new Option<string?>("--output", "-o") { Description = "Write to FILE instead of standard output." };
        var platform = new Option<string?>("--platform") { Description = "The platform to choose from a multi-platform image (default linux/amd64)." };
        var insecure = new Option<bool>("--insecure") { Description = "Talk plain HTTP to the registry." };
        var cacheDir = new Option<string?>("--cache-dir") { Description = $"The layer-result cache directory (default {CachePaths.Layers})." };
        var noCache = new Option<bool>("--no-cache") { Description = "Read every layer; neither use nor fill the cache." };
        var credentials = new RegistryCredentials();

        var command = new Command("sbom", "Index an image and write its SBOM (CycloneDX, SPDX or Drydock JSON).")
        {
            target, format, output, platform, insecure, cacheDir, noCache,
        };
        foreach (var option in credentials.Options)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (credentials.TryResolve(parseResult, parseResult.GetValue(target)!) is not { } login)
            {
                return ExitCodes.Usage;
            }

            var settings = new Settings(
                parseResult.GetValue(target)!,
                parseResult.GetValue(format)!,
                parseResult.GetValue(output),
                parseResult.GetValue(platform),
                parseResult.GetValue(insecure),
                parseResult.GetValue(noCache) ? null : parseResult.GetValue(cacheDir) ?? CachePaths.Layers,
                login.User,
                login.Password);
            return await RunAsync(settings, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!ImageTarget.TryParse(settings.Target, out var target, out var error))
        {
            await Console.Error.WriteLineAsync($"error: {error}");
            return 2;
        }

        Platform? platform = null;
        if (settings.Platform is not null)
        {
            try
            {
                platform = Platform.Parse(settings.Platform);
            }
            catch (FormatException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 2;
            }
        }

        InventoryWriters.TryGet(settings.Format, TimeProvider.System, out var writer);
        try
        {
            var options = new ImageSourceOptions
            {
                Platform = platform,
                Insecure = settings.Insecure,
                Username = settings.Username,
                Password = settings.Password,
            };
            await using var source = await ImageSources.OpenAsync(target, options, cancellationToken);
            var indexer = new ImageIndexer(
                BuiltInEcosystems.CreateRegistry(),
                settings.CacheDirectory is null ? null : new FileLayerResultCache(settings.CacheDirectory));
            var inventory = await IndexingProgress.IndexAsync(indexer, source, plainLines: true, cancellationToken);
            foreach (var warning in inventory.Warnings)
            {
                await Console.Error.WriteLineAsync($"warning: {warning}");
            }

            await Console.Error.WriteLineAsync(
                $"indexed {target} in {inventory.Elapsed.TotalMilliseconds:F0} ms: {inventory.Packages.Count} packages, " +
                $"distribution {(inventory.Distribution is { } d ? $"{d.Id} {d.Release}" : "unknown")}, " +
                $"{inventory.LayersRead} layers read, {inventory.CacheHits} from the cache");
            if (settings.Output is null)
            {
                await using var stdout = Console.OpenStandardOutput();
                await writer!.WriteAsync(inventory, stdout, cancellationToken);
                await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
            }
            else
            {
                await OutputFile.WriteAsync(settings.Output, (file, ct) => writer!.WriteAsync(inventory, file, ct), cancellationToken);
            }

            return 0;
        }
        catch (LayerException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
        catch (HttpRequestException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException or UnauthorizedAccessException
                                       or System.Text.Json.JsonException or NotSupportedException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }

    /// <summary>The parsed command line.</summary>
    public sealed record Settings(
        string Target,
        string Format,
        string? Output,
        string? Platform,
        bool Insecure,
        string? CacheDirectory,
        string? Username,
        string? Password);
}
