using Drydock.Ecosystems.PackageManagers.Rpm;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.Tests.PackageManagers.Rpm;

/// <summary>Runs damaged copies of a database through the detector's reader: truncations at many
/// lengths and random byte damage. None may throw; whatever is read must still be well formed.</summary>
internal static class MalformedDatabases
{
    public static (List<Package> Packages, DetectionContext Context) Read(string directory, byte[] bytes, string imagePath)
    {
        var path = Path.Combine(directory, "candidate");
        File.WriteAllBytes(path, bytes);
        var context = new DetectionContext();
        var packages = RpmDatabaseDetector.Read(path, imagePath, context, CancellationToken.None);
        Assert.All(packages, p => Assert.False(string.IsNullOrEmpty(p.Name) || string.IsNullOrEmpty(p.Version)));
        Assert.All(context.Warnings, w => Assert.StartsWith(imagePath + ": ", w, StringComparison.Ordinal));
        return (packages, context);
    }

    /// <summary>Every truncation point on a coarse grid plus the first and last few bytes.</summary>
    public static void Truncations(string directory, byte[] original, string imagePath, int expectedPackages)
    {
        var lengths = Enumerable.Range(0, 48).Select(i => (int)((long)original.Length * i / 48))
            .Concat(Enumerable.Range(1, 40)).Concat(Enumerable.Range(original.Length - 40, 40))
            .Where(l => l >= 0 && l < original.Length).Distinct();
        foreach (var length in lengths)
        {
            var (packages, context) = Read(directory, original[..length], imagePath);
            // A shortened database loses packages; it must say so unless it is wholly unreadable or empty.
            Assert.InRange(packages.Count, 0, expectedPackages);
            if (packages.Count < expectedPackages && length > 0)
            {
                Assert.NotEmpty(context.Warnings);
            }
        }
    }

    /// <summary>Random bytes overwritten at random places, <paramref name="rounds"/> times.</summary>
    public static void RandomDamage(string directory, byte[] original, string imagePath, int seed, int rounds)
    {
        var random = new Random(seed);
        for (var round = 0; round < rounds; round++)
        {
            var bytes = original.ToArray();
            for (var hits = random.Next(1, 16); hits > 0; hits--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            Read(directory, bytes, imagePath);
        }
    }
}
