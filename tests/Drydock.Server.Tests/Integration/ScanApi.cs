using System.Net;
using System.Net.Http.Json;
using System.Formats.Tar;
using System.Text.Json;
using Drydock.Data.Sqlite;
using Drydock.Ecosystems;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Server.Integration;
using Drydock.Testing;
using Drydock.Testing.Oci;

namespace Drydock.Server.Tests.Integration;

/// <summary>What the scanning tests share: a server with fast leases, pushing the real Alpine 3.10 image, and polling the API.</summary>
internal static class ScanApi
{
    public static readonly TimeSpan PollTimeout = TimeSpan.FromMinutes(2);

    private static readonly Lazy<string> Archive = new(() =>
    {
        // skopeo's docker-archive transport reads a plain tar, so the shared .tar.gz is unpacked once per test run.
        var path = Path.Combine(Path.GetTempPath(), $"drydock-alpine-310-{Environment.ProcessId}.tar");
        using (var source = File.OpenRead(TestPaths.Shared("images", "alpine-310.tar.gz")))
        using (var gzip = new System.IO.Compression.GZipStream(source, System.IO.Compression.CompressionMode.Decompress))
        using (var output = File.Create(path))
        {
            gzip.CopyTo(output);
        }

        return path;
    });

    /// <summary>The real Alpine 3.10.4 <c>docker save</c> archive, unpacked.</summary>
    public static string AlpineArchive => Archive.Value;

    /// <summary>A server whose advisory database holds only the real alpine-secdb v3.10 main.yaml.</summary>
    public static async Task<RunningServer> StartWithAlpineDatabaseAsync(string name)
    {
        var data = new TempDirectory(name);
        var store = new SqliteAdvisoryStore(data.Combine(ServerMatcher.DatabaseFileName), TimeProvider.System);
        var alpine = BuiltInEcosystems.CreateRegistry().AdvisorySources.Single(s => s.Name == "alpine-secdb");
        await using (var yaml = File.OpenRead(TestPaths.Shared("feeds", "alpine-secdb", "v3.10", "main.yaml")))
        {
            await store.ReplaceSourceAsync(alpine.Name, alpine.ParseAsync(yaml, CancellationToken.None), new Fingerprint("fixture"), CancellationToken.None);
        }

        var config = data.Combine("settings.json");
        await File.WriteAllTextAsync(config, """{"Scanning": {"LeaseDuration": "00:00:03", "PollInterval": "00:00:00.200"}}""");
        return await RunningServer.StartAsync(data: data, configFile: config);
    }

    /// <summary>A server whose worker polls often and whose leases are short.</summary>
    public static async Task<RunningServer> StartAsync(int concurrency = 2)
    {
        var data = new TempDirectory("drydock-scan-server");
        var config = data.Combine("settings.json");
        await File.WriteAllTextAsync(
            config,
            $$$"""{"Scanning": {"Concurrency": {{{concurrency}}}, "LeaseDuration": "00:00:03", "PollInterval": "00:00:00.200", "RetryBaseDelay": "00:00:00.500"}}""");
        return await RunningServer.StartAsync(data: data, configFile: config);
    }

    /// <summary>
    /// Name+version of every package of the image, read from <c>lib/apk/db/installed</c> in the archive's layer with
    /// the framework's tar reader and apk's <c>P:</c>/<c>V:</c> lines (not Drydock's code). Trivy's golden file for this
    /// image is not used: it lists busybox 1.30.1-r2 while the archive holds 1.30.1-r3.
    /// </summary>
    public static IReadOnlyList<string> ApkInstalledPackages()
    {
        using var archive = new TarReader(File.OpenRead(AlpineArchive));
        while (archive.GetNextEntry() is { } entry)
        {
            if (!entry.Name.EndsWith("layer.tar", StringComparison.Ordinal) || entry.DataStream is null)
            {
                continue;
            }

            using var layer = new TarReader(entry.DataStream);
            while (layer.GetNextEntry() is { } file)
            {
                if (file.Name.TrimStart('.', '/') != "lib/apk/db/installed" || file.DataStream is null)
                {
                    continue;
                }

                using var reader = new StreamReader(file.DataStream);
                var packages = new List<string>();
                string? name = null;
                while (reader.ReadLine() is { } line)
                {
                    if (line.StartsWith("P:", StringComparison.Ordinal))
                    {
                        name = line[2..];
                    }
                    else if (line.StartsWith("V:", StringComparison.Ordinal))
                    {
                        packages.Add($"{name} {line[2..]}");
                    }
                }

                return [.. packages.Order(StringComparer.Ordinal)];
            }
        }

        throw new InvalidOperationException("The archive has no lib/apk/db/installed.");
    }

    public static async Task PatchNamespaceAsync(HttpClient client, string name, string settingsJson)
    {
        (await client.PostAsJsonAsync("/api/v1/namespaces", new { name })).EnsureSuccessStatusCode();
        using var content = new StringContent(settingsJson, System.Text.Encoding.UTF8, "application/json");
        using var patched = await client.PatchAsync(new Uri($"/api/v1/namespaces/{name}", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
    }

    /// <summary>Polls the artifact listing until the artifact with <paramref name="tag"/> reaches a final status.</summary>
    public static async Task<JsonElement> WaitForArtifactAsync(HttpClient client, string repository, string tag)
    {
        var deadline = DateTime.UtcNow + PollTimeout;
        while (true)
        {
            var artifacts = await client.GetFromJsonAsync<JsonElement>($"/api/v1/artifacts?repository={repository}");
            var artifact = artifacts.EnumerateArray().FirstOrDefault(a => a.GetProperty("tags").EnumerateArray().Any(t => t.GetString() == tag));
            if (artifact.ValueKind == JsonValueKind.Object && artifact.GetProperty("status").GetString() is "Success" or "NoDatabase" or "Failed" or "Unsupported")
            {
                return artifact;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{repository}:{tag} did not finish scanning: {artifacts}");
            await Task.Delay(100);
        }
    }

    /// <summary>Polls a scan until it reaches a final status.</summary>
    public static async Task<JsonElement> WaitForScanAsync(HttpClient client, string id)
    {
        var deadline = DateTime.UtcNow + PollTimeout;
        while (true)
        {
            var scan = await client.GetFromJsonAsync<JsonElement>($"/api/v1/scans/{id}");
            if (scan.GetProperty("status").GetString() is "Success" or "NoDatabase" or "Failed" or "Unsupported")
            {
                return scan;
            }

            Assert.True(DateTime.UtcNow < deadline, $"scan {id} did not finish: {scan}");
            await Task.Delay(100);
        }
    }

    public static async Task<IReadOnlyList<string>> ReportPackagesAsync(HttpClient client, string repository, string reference)
    {
        var report = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports?repository={repository}&reference={reference}&format=json");
        return [.. report.GetProperty("packages").EnumerateArray().Select(p => $"{p.GetProperty("name").GetString()} {p.GetProperty("version").GetString()}").Order(StringComparer.Ordinal)];
    }

    // etc/ and lib/apk/db/installed of the real alpine:3.10 layer, with musl's installed version set back to 1.1.20-r0.
    public static List<LayerEntry> AlpineFilesWithOldMusl() => AlpineFiles(installed =>
    {
        Assert.Contains("P:musl\nV:1.1.22-r3", installed, StringComparison.Ordinal);
        return installed.Replace("P:musl\nV:1.1.22-r3", "P:musl\nV:1.1.20-r0", StringComparison.Ordinal);
    });

    /// <summary>etc/ and lib/apk/db/installed of the real alpine:3.10 layer, the package database passed through <paramref name="editInstalled"/>.</summary>
    public static List<LayerEntry> AlpineFiles(Func<string, string>? editInstalled = null)
    {
        var entries = new List<LayerEntry>();
        using var outer = new TarReader(File.OpenRead(ScanApi.AlpineArchive));
        while (outer.GetNextEntry() is { } entry)
        {
            if (!entry.Name.EndsWith("layer.tar", StringComparison.Ordinal) || entry.DataStream is null)
            {
                continue;
            }

            using var inner = new TarReader(entry.DataStream);
            while (inner.GetNextEntry() is { } file)
            {
                var name = file.Name.TrimStart('.', '/');
                if (file.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || file.DataStream is null
                    || !(name.StartsWith("etc/", StringComparison.Ordinal) || name == "lib/apk/db/installed"))
                {
                    continue;
                }

                using var reader = new StreamReader(file.DataStream);
                var text = reader.ReadToEnd();
                if (name == "lib/apk/db/installed" && editInstalled is not null)
                {
                    text = editInstalled(text);
                }

                entries.Add(LayerEntry.File(name, text));
            }
        }

        return entries;
    }
}
