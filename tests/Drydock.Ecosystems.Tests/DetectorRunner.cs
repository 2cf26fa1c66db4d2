using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests;

/// <summary>What a detector found in a file or tree, with the warnings the engine would report.</summary>
internal sealed record DetectionResult(List<Package> Packages, List<string> Warnings)
{
    public HashSet<string> NameVersions() => Packages.Select(p => $"{p.Name}@{p.Version}").ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// Runs package detectors the way the layer walk does: each file whose path the detector accepts is
/// handed over as a forward-only stream; a detector that throws becomes a warning naming the file.
/// </summary>
internal static class DetectorRunner
{
    public static async Task<DetectionResult> RunFileAsync(IPackageDetector detector, string file, string layerPath)
    {
        var result = new DetectionResult([], []);
        await RunOneAsync(detector, file, layerPath, result);
        return result;
    }

    /// <summary>Walks <paramref name="root"/> as if it were a layer, with paths under <paramref name="prefix"/>.</summary>
    public static async Task<DetectionResult> RunTreeAsync(IPackageDetector detector, string root, string prefix = "")
    {
        var result = new DetectionResult([], []);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var file in Directory.EnumerateFiles(root, "*", options).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            var layerPath = prefix.Length == 0 ? relative : $"{prefix.TrimEnd('/')}/{relative}";
            if (detector.IsCandidate(layerPath))
            {
                await RunOneAsync(detector, file, layerPath, result);
            }
        }

        return result;
    }

    private static async Task RunOneAsync(IPackageDetector detector, string file, string layerPath, DetectionResult result)
    {
        var context = new DetectionContext();
        await using var stream = new ForwardOnlyStream(File.OpenRead(file));
        try
        {
            await foreach (var package in detector.DetectAsync(new LayerFile(layerPath, new FileInfo(file).Length, stream), context, CancellationToken.None))
            {
                Assert.Equal(layerPath, package.FilePath);
                result.Packages.Add(package);
            }
        }
#pragma warning disable CA1031 // the engine turns any detector failure into a warning; the tests mirror it
        catch (Exception exception)
#pragma warning restore CA1031
        {
            result.Warnings.Add($"{layerPath}: {exception.Message}");
        }

        result.Warnings.AddRange(context.Warnings);
    }

    /// <summary>A stream that refuses to seek, as the tar entry stream of the layer walk does.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>Fixtures built with real tools, kept under the repository's gitignored .cache between runs.</summary>
internal static class FixtureCache
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static string Root => Path.Combine(TestPaths.RepositoryRoot, ".cache", "languages");

    /// <summary>Returns the folder <paramref name="name"/>, building it once with <paramref name="build"/>
    /// (into a scratch folder, renamed into place only when the build succeeded).</summary>
    public static async Task<string> GetAsync(string name, Func<string, Task> build)
    {
        var target = Path.Combine(Root, name);
        // Another test builds a fixture under this gate with real tools, each bounded by ExternalTool.Timeout.
        Assert.True(await Gate.WaitAsync(TimeSpan.FromMinutes(20)), $"the fixture cache stayed busy while {name} waited");
        try
        {
            if (Directory.Exists(target))
            {
                return target;
            }

            var scratch = $"{target}.tmp-{Guid.NewGuid():N}";
            Directory.CreateDirectory(scratch);
            await build(scratch);
            Directory.Move(scratch, target);
            return target;
        }
        finally
        {
            Gate.Release();
        }
    }
}
