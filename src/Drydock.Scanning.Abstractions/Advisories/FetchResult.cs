using System.Diagnostics.CodeAnalysis;

namespace Drydock.Scanning.Abstractions.Advisories;

/// <summary>The outcome of fetching a feed: new content with its fingerprint, or "unchanged" as a value.</summary>
public sealed class FetchResult
{
    private FetchResult(Stream? content, Fingerprint fingerprint)
    {
        Content = content;
        Fingerprint = fingerprint;
    }

    /// <summary>The feed has not changed since the fingerprint that was passed in.</summary>
    public static FetchResult Unchanged { get; } = new(null, default);

    /// <summary>New content. The caller disposes the stream.</summary>
    public static FetchResult Changed(Stream content, Fingerprint fingerprint) => new(content, fingerprint);

    /// <summary>True when nothing changed.</summary>
    [MemberNotNullWhen(false, nameof(Content))]
    public bool IsUnchanged => Content is null;

    /// <summary>The fetched content.</summary>
    public Stream? Content { get; }

    /// <summary>The fingerprint to pass to the next fetch.</summary>
    public Fingerprint Fingerprint { get; }
}
