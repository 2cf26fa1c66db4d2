using System.Security.Cryptography;
using Drydock.Scanning.Abstractions.Advisories;

namespace Drydock.Scanning.Advisories;

/// <summary>
/// Reads feed documents from a directory laid out like the mirror — <c>{root}/{host}/{path}</c>, e.g.
/// <c>secdb.alpinelinux.org/v3.10/main.json</c> — for air-gapped updates (<c>drydock db update --from DIR</c>).
/// A document whose SHA-256 equals the previous fingerprint's is unchanged.
/// </summary>
public sealed class DirectoryFeedContext : FeedContext
{
    private readonly string _root;

    /// <summary>Creates the context over <paramref name="root"/>.</summary>
    public DirectoryFeedContext(string root)
    {
        _root = Path.GetFullPath(root);
    }

    /// <summary>The file that holds <paramref name="upstream"/>.</summary>
    public string Resolve(Uri upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var relative = upstream.Host + Uri.UnescapeDataString(upstream.AbsolutePath);
        if (upstream.Query.Length > 1)
        {
            // Paged APIs (NVD): the query becomes part of the file name.
            relative += "_" + string.Concat(upstream.Query[1..].Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_'));
        }

        var path = Path.GetFullPath(Path.Combine(_root, relative));
        if (!path.StartsWith(_root, StringComparison.Ordinal))
        {
            throw new FeedUnavailableException($"{upstream} maps outside the mirror directory {_root}.");
        }

        return path;
    }

    /// <inheritdoc/>
    public override async Task<FetchResult> GetAsync(Uri upstream, Fingerprint? previous, CancellationToken cancellationToken)
    {
        var path = Resolve(upstream);
        if (!File.Exists(path))
        {
            throw new FeedUnavailableException($"The mirror directory has no {path} for {upstream}.");
        }

        string digest;
        await using (var hashing = File.OpenRead(path))
        {
            digest = Convert.ToHexStringLower(await SHA256.HashDataAsync(hashing, cancellationToken));
        }

        if (FeedFingerprint.From(previous)?.Sha256 == digest)
        {
            return FetchResult.Unchanged;
        }

        return FetchResult.Changed(File.OpenRead(path), new FeedFingerprint(null, null, digest).ToFingerprint());
    }
}
