using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Drydock.Oci;

namespace Drydock.Registry.Names;

/// <summary>The <c>&lt;reference&gt;</c> of a manifest URL: a tag or a digest.</summary>
public sealed partial record ManifestReference
{
    private ManifestReference(string? tag, Digest? digest)
    {
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The tag, when the reference is a tag.</summary>
    public string? Tag { get; }

    /// <summary>The digest, when the reference is a digest.</summary>
    public Digest? Digest { get; }

    [MemberNotNullWhen(true, nameof(Tag))]
    public bool IsTag => Tag is not null;

    public override string ToString() => Tag ?? Digest.ToString()!;

    public static ManifestReference ForDigest(Digest digest) => new(null, digest);

    public static bool IsValidTag([NotNullWhen(true)] string? value) => value is not null && TagPattern().IsMatch(value);

    /// <summary>Parses a tag (the spec's tag grammar) or a sha256/sha512 digest.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out ManifestReference? reference)
    {
        reference = null;
        if (value is null)
        {
            return false;
        }

        if (value.Contains(':', StringComparison.Ordinal))
        {
            if (!Oci.Digest.TryParse(value, out var digest))
            {
                return false;
            }

            reference = new ManifestReference(null, digest);
            return true;
        }

        if (!IsValidTag(value))
        {
            return false;
        }

        reference = new ManifestReference(value, null);
        return true;
    }

    [GeneratedRegex("^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
