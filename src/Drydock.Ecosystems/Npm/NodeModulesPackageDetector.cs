using System.Runtime.CompilerServices;
using System.Text.Json;
using Drydock.Scanning.Abstractions.Detection;
using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.Npm;

/// <summary>
/// Installed npm packages: every <c>package.json</c> directly inside <c>node_modules/&lt;name&gt;/</c> or
/// <c>node_modules/@scope/&lt;name&gt;/</c>, at any nesting depth. Package files deeper inside a package
/// (test fixtures, sub-folders with their own package.json) are not installed packages and are skipped.
/// </summary>
internal sealed class NodeModulesPackageDetector : IPackageDetector
{
    private const string FileName = "/package.json";
    private const string NodeModules = "node_modules";

    public string Name => "npm-node-modules";

    public int Version => 2;

    public bool IsCandidate(string path)
    {
        if (!path.EndsWith(FileName, StringComparison.Ordinal))
        {
            return false;
        }

        var dir = path.AsSpan(0, path.Length - FileName.Length);
        var slash = dir.LastIndexOf('/');
        if (slash < 0)
        {
            return false;
        }

        var name = dir[(slash + 1)..];
        var parent = dir[..slash];
        if (name.IsEmpty || name[0] is '.' or '@')
        {
            return false;
        }

        if (IsNodeModules(parent))
        {
            return true;
        }

        var scopeSlash = parent.LastIndexOf('/');
        var scope = parent[(scopeSlash + 1)..];
        return scope.Length > 1 && scope[0] == '@' && scopeSlash > 0 && IsNodeModules(parent[..scopeSlash]);
    }

    public async IAsyncEnumerable<Package> DetectAsync(
        LayerFile file,
        DetectionContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var bytes = await file.ReadAllBytesAsync(NpmPackages.MaxFileBytes, cancellationToken);
        using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("version", out var versionElement) || versionElement.ValueKind != JsonValueKind.String)
        {
            context.Warn($"{file.Path}: package.json has no name or version; skipped.");
            yield break;
        }

        var name = nameElement.GetString()!;
        var version = versionElement.GetString()!;
        if (!NpmPackages.IsPlausibleName(name) || version.Length == 0)
        {
            context.Warn($"{file.Path}: package.json has an unusable name or version; skipped.");
            yield break;
        }

        yield return NpmPackages.Create(name, version, file.Path, installPath: file.Path[..^FileName.Length]);
    }

    private static bool IsNodeModules(ReadOnlySpan<char> dir) =>
        dir.EndsWith(NodeModules, StringComparison.Ordinal)
        && (dir.Length == NodeModules.Length || dir[^(NodeModules.Length + 1)] == '/');
}
