using Drydock.Scanning.Abstractions.Advisories;

namespace Drydock.Scanning.Advisories;

/// <summary>The fields a fetch remembers, serialised as "etag\nlast-modified\nsha256" into an opaque
/// <see cref="Fingerprint"/>.</summary>
internal sealed record FeedFingerprint(string? ETag, string? LastModified, string? Sha256)
{
    public Fingerprint ToFingerprint() => new($"{ETag}\n{LastModified}\n{Sha256}");

    public static FeedFingerprint? From(Fingerprint? fingerprint)
    {
        if (fingerprint is not { Value: { } value })
        {
            return null;
        }

        var parts = value.Split('\n');
        return parts.Length != 3 ? null : new FeedFingerprint(Empty(parts[0]), Empty(parts[1]), Empty(parts[2]));
    }

    private static string? Empty(string text) => text.Length == 0 ? null : text;
}
