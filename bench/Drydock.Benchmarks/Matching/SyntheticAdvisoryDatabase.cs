using System.Text.Json;
using Drydock.Data.Sqlite;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Benchmarks.Matching;

/// <summary>
/// A synthetic advisory database of realistic shape: package names and version strings taken from the
/// real feeds in ../shared/testdata (Alpine secdb, Debian tracker, OSV Go/PyPI/crates.io), multiplied
/// into distinct names, each with advisories of one to four ranges, until the wanted range count.
/// </summary>
internal static class SyntheticAdvisoryDatabase
{
    public sealed record Shape(string Ecosystem, string? Distribution, string[] Names, string[] Versions);

    public static async Task<(SqliteAdvisoryStore Store, List<Shape> Shapes, TimeSpan LoadTime, int Ranges)> CreateAsync(string path, int rangeTarget)
    {
        var shapes = LoadShapes();
        var store = new SqliteAdvisoryStore(path, TimeProvider.System);
        var ranges = 0;
        async IAsyncEnumerable<Advisory> Generate()
        {
            var random = new Random(42);
            var n = 0;
            while (ranges < rangeTarget)
            {
                var shape = shapes[n % shapes.Count];
                var name = shape.Names[random.Next(shape.Names.Length)];
                var count = 1 + random.Next(4);
                var list = new List<AffectedRange>(count);
                for (var i = 0; i < count; i++)
                {
                    var a = shape.Versions[random.Next(shape.Versions.Length)];
                    var b = shape.Versions[random.Next(shape.Versions.Length)];
                    list.Add(i == 0 && shape.Distribution is not null ? new AffectedRange { Fixed = b } : new AffectedRange { Introduced = a, Fixed = b });
                }

                ranges += list.Count;
                yield return new Advisory
                {
                    Id = $"CVE-{2000 + (n % 26)}-{n}",
                    Source = "synthetic",
                    Affected = [new AffectedPackage { Ecosystem = shape.Ecosystem, Distribution = shape.Distribution, Name = name, Ranges = list }],
                };
                n++;
                await Task.CompletedTask;
            }
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        await store.ReplaceSourceAsync("synthetic", Generate(), new Fingerprint("bench"), CancellationToken.None);
        return (store, shapes, started.Elapsed, ranges);
    }

    public static List<Package> Packages(List<Shape> shapes, int count)
    {
        var random = new Random(7);
        var packages = new List<Package>(count);
        for (var i = 0; i < count; i++)
        {
            // An image holds one distribution's packages plus language packages.
            var shape = shapes.Where(s => s.Distribution is null or "alpine:3.10").ElementAt(i % shapes.Count(s => s.Distribution is null or "alpine:3.10"));
            var name = shape.Names[random.Next(shape.Names.Length)];
            var version = shape.Versions[random.Next(shape.Versions.Length)];
            packages.Add(new Package { Ecosystem = shape.Ecosystem, Name = name, Version = version, SourceName = name, Purl = $"pkg:{shape.Ecosystem}/{name}@{version}" });
        }

        return packages;
    }

    private static List<Shape> LoadShapes()
    {
        var testdata = FindTestData();
        var alpineNames = new List<string>();
        var alpineVersions = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(testdata, "feeds", "alpine-secdb", "v3.10", "main.yaml")).Concat(File.ReadLines(Path.Combine(testdata, "feeds", "alpine-secdb", "v3.10", "community.yaml"))))
        {
            var t = line.Trim();
            if (t.StartsWith("name: ", StringComparison.Ordinal))
            {
                alpineNames.Add(t[6..]);
            }
            else if (t.EndsWith(':') && t.Length > 1 && char.IsAsciiDigit(t[0]))
            {
                alpineVersions.Add(t[..^1]);
            }
        }

        var shapes = new List<Shape>
        {
            new("apk", "alpine:3.10", Multiply(alpineNames, 20), [.. alpineVersions.Distinct()]),
        };
        foreach (var (folder, ecosystem) in new[] { ("go", "golang"), ("rust", "cargo") })
        {
            var names = new List<string>();
            var versions = new List<string>();
            foreach (var file in Directory.EnumerateFiles(Path.Combine(testdata, "feeds", "osv", folder), "*.json"))
            {
                using var json = JsonDocument.Parse(File.ReadAllText(file));
                foreach (var affected in json.RootElement.GetProperty("affected").EnumerateArray())
                {
                    names.Add(affected.GetProperty("package").GetProperty("name").GetString()!);
                    if (affected.TryGetProperty("ranges", out var rs))
                    {
                        foreach (var r in rs.EnumerateArray())
                        {
                            foreach (var e in r.GetProperty("events").EnumerateArray())
                            {
                                foreach (var p in e.EnumerateObject())
                                {
                                    if (p.Value.GetString() is { } v && v != "0" && char.IsAsciiDigit(v[0]))
                                    {
                                        versions.Add(v);
                                    }
                                }
                            }
                        }
                    }
                }
            }

            shapes.Add(new Shape(ecosystem, null, Multiply(names.Distinct().ToList(), 20), [.. versions.Distinct()]));
        }

        return shapes;
    }

    // Distinct names beyond the sample's: "name", "name-2", … keeps the real name lengths and shapes.
    private static string[] Multiply(List<string> names, int factor) =>
        [.. names.Distinct().SelectMany(n => Enumerable.Range(1, factor).Select(i => i == 1 ? n : $"{n}-{i}"))];

    internal static string FindTestData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "testdata");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("../shared/testdata not found above " + AppContext.BaseDirectory);
    }
}
