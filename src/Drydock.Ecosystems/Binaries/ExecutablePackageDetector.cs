using System.Runtime.CompilerServices;
using Drydock.Ecosystems.Go;
using Drydock.Ecosystems.Rust;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.Binaries;

/// <summary>
/// Packages compiled into executables (ELF, PE, Mach-O), read in one forward pass without running them:
/// Go build information (<see cref="GoBuildInfo"/>) and cargo-auditable dependency lists
/// (<see cref="CargoAuditableData"/>). It is one detector, registered by both the Go and the Rust module
/// (the same instance, kept once), because a path cannot say which toolchain built a binary: two
/// detectors accepting every executable would make the layer walk buffer each one whole for both, and
/// skip the big ones. After the first bytes, anything that is not an executable is left at once.
/// </summary>
internal sealed class ExecutablePackageDetector : IPackageDetector
{
    private const int ChunkSize = 256 * 1024;
    private const int Overlap = 64;

    private ExecutablePackageDetector()
    {
    }

    public static ExecutablePackageDetector Instance { get; } = new();

    public string Name => "executable-binary";

    public int Version => 2;

    public bool IsCandidate(string path) => ExecutablePaths.IsCandidate(path);

    public async IAsyncEnumerable<Package> DetectAsync(
        LayerFile file,
        DetectionContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var scanner = new ForwardScanner(file.Content, ChunkSize);
        if (!await scanner.FillAsync(Overlap, cancellationToken) || !ExecutablePaths.HasExecutableMagic(scanner.Window))
        {
            yield break;
        }

        await scanner.FillAsync(ChunkSize, cancellationToken);
        List<Package>? go = null;
        List<Package>? rust = null;
        var from = 0;
        while (true)
        {
            go ??= await GoBuildInfo.TryReadAsync(scanner, from, file.Path, context, cancellationToken);
            rust ??= await CargoAuditableData.TryReadAsync(scanner, from, Overlap, file.Path, context, cancellationToken);
            if ((go is not null && rust is not null) || scanner.AtEnd)
            {
                break;
            }

            // Keep a tail: a pattern may straddle two chunks, and a zlib candidate needs bytes after it.
            var keepFrom = Math.Max(scanner.Window.Length - Overlap, 0);
            if (!await scanner.AdvanceAsync(keepFrom, cancellationToken))
            {
                break;
            }

            from = 0;
        }

        foreach (var package in (go ?? []).Concat(rust ?? []))
        {
            yield return package;
        }
    }
}
