using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Drydock.Scanning.Abstractions.Versioning;
using NuGet.Versioning;

namespace Drydock.Ecosystems.Versioning.NuGet;

/// <summary>
/// NuGet versions, delegated to NuGet.Versioning (the reference implementation): <c>NuGetVersion.TryParse</c>
/// and <c>VersionComparer.Default</c>. Parsing allocates a <see cref="NuGetVersion"/>, so parsed versions
/// are kept in a bounded cache: comparisons of versions seen before (the matcher's case) allocate nothing.
/// </summary>
internal sealed class NuGetVersionScheme : IVersionScheme
{
    public static readonly NuGetVersionScheme Instance = new();

    // Bounded: when full, the cache is cleared rather than grown (versions repeat heavily in practice).
    private const int CacheLimit = 16_384;

    private readonly ConcurrentDictionary<string, NuGetVersion?> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, NuGetVersion?>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private NuGetVersionScheme()
    {
        _lookup = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <inheritdoc/>
    public string Name => "nuget";

    /// <inheritdoc/>
    public bool TryValidate(ReadOnlySpan<char> version, [NotNullWhen(false)] out string? reason)
    {
        if (Parse(version) is null)
        {
            reason = $"'{version}' is not a NuGet version (expected MAJOR.MINOR[.PATCH[.REVISION]][-PRERELEASE][+METADATA]).";
            return false;
        }

        reason = null;
        return true;
    }

    /// <inheritdoc/>
    public int Compare(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        var a = Parse(left);
        var b = Parse(right);
        if (a is not null && b is not null)
        {
            return Math.Sign(VersionComparer.Default.Compare(a, b));
        }

        // Invalid strings sort below every valid version, and among themselves by ordinal order.
        if ((a is null) != (b is null))
        {
            return a is null ? -1 : 1;
        }

        return Math.Sign(left.SequenceCompareTo(right));
    }

    /// <summary>The parsed version, or null when NuGet rejects the string.</summary>
    public NuGetVersion? Parse(ReadOnlySpan<char> version)
    {
        if (_lookup.TryGetValue(version, out var cached))
        {
            return cached;
        }

        var text = version.ToString();
        var parsed = NuGetVersion.TryParse(text, out var result) ? result : null;
        if (_cache.Count >= CacheLimit)
        {
            _cache.Clear();
        }

        _cache[text] = parsed;
        return parsed;
    }
}
