using System.Diagnostics.CodeAnalysis;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Versioning.SemVer;

/// <summary>
/// Rust crates: Cargo versions are SemVer 2.0.0 (the <c>semver</c> crate), so this is
/// <see cref="SemVerVersionScheme"/> under the name RustSec and OSV crates.io records use.
/// </summary>
/// <remarks>
/// Generation: SemVer 2.0.0 precedence. The <c>semver</c> crate's <c>Ord</c> also orders build metadata to
/// stay consistent with equality; precedence (and vulnerability matching) ignores it, as here.
/// </remarks>
internal sealed class CargoVersionScheme : IVersionScheme
{
    public static CargoVersionScheme Instance { get; } = new();

    private CargoVersionScheme()
    {
    }

    public string Name => "cargo";

    public bool TryValidate(ReadOnlySpan<char> version, [NotNullWhen(false)] out string? reason) =>
        SemVerVersionScheme.Validate(version, out reason);

    public int Compare(ReadOnlySpan<char> left, ReadOnlySpan<char> right) => SemVerVersionScheme.CompareLenient(left, right);
}
