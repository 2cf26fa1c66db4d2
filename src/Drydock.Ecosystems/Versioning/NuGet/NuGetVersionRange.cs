using Drydock.Scanning.Abstractions.Versioning;
using NuGet.Versioning;

namespace Drydock.Ecosystems.Versioning.NuGet;

/// <summary>A NuGet <see cref="VersionRange"/>; an invalid version is in no range.</summary>
internal sealed class NuGetVersionRange(VersionRange range) : IVersionRange
{
    /// <inheritdoc/>
    public bool Contains(ReadOnlySpan<char> version) =>
        NuGetVersionScheme.Instance.Parse(version) is { } parsed && range.Satisfies(parsed);

    /// <inheritdoc/>
    public override string ToString() => range.ToNormalizedString();
}
