using System.Diagnostics.CodeAnalysis;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Versioning.Maven;

/// <summary>
/// Maven's <c>ComparableVersion</c> as in Maven 4 (apache/maven at maven-4.0.0-rc-6, with MNG-7644 and
/// MNG-7714; Maven 3.8/3.9 differ on dot-qualifiers and on "-final"/"-sp" mixes). ComparableVersion orders
/// any string; this scheme also rejects what cannot be a version in a Maven repository: empty strings,
/// whitespace, control characters and path separators, and strings over 256 characters (Maven's own limit).
/// </summary>
internal sealed class MavenVersionScheme : IVersionScheme
{
    public static readonly MavenVersionScheme Instance = new();

    // Above this, the node buffers move from the stack to the heap (only for versions no repository holds).
    private const int StackLimit = 128;

    private MavenVersionScheme()
    {
    }

    /// <inheritdoc/>
    public string Name => "maven";

    /// <inheritdoc/>
    public bool TryValidate(ReadOnlySpan<char> version, [NotNullWhen(false)] out string? reason)
    {
        if (version.IsEmpty)
        {
            reason = "A Maven version cannot be empty.";
            return false;
        }

        if (version.Length > MavenVersion.MaxLength)
        {
            reason = $"A Maven version is at most {MavenVersion.MaxLength} characters; this one has {version.Length}.";
            return false;
        }

        foreach (var c in version)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '/' or '\\')
            {
                reason = $"'{version}' is not a Maven version: it contains '{c}' (U+{(int)c:X4}).";
                return false;
            }
        }

        reason = null;
        return true;
    }

    /// <inheritdoc/>
    public int Compare(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        if (left.Length > MavenVersion.MaxLength || right.Length > MavenVersion.MaxLength)
        {
            // ComparableVersion refuses these; order them after every other version, by ordinal order.
            var leftLong = left.Length > MavenVersion.MaxLength;
            var rightLong = right.Length > MavenVersion.MaxLength;
            return leftLong == rightLong ? Math.Sign(left.SequenceCompareTo(right)) : (leftLong ? 1 : -1);
        }

        Span<char> leftText = left.Length <= StackLimit ? stackalloc char[left.Length] : new char[left.Length];
        Span<char> rightText = right.Length <= StackLimit ? stackalloc char[right.Length] : new char[right.Length];
        left.ToLowerInvariant(leftText);
        right.ToLowerInvariant(rightText);

        var leftNodeCount = MavenVersion.NodesFor(left.Length);
        var rightNodeCount = MavenVersion.NodesFor(right.Length);
        Span<MavenItem> leftNodes = left.Length <= StackLimit ? stackalloc MavenItem[leftNodeCount] : new MavenItem[leftNodeCount];
        Span<MavenItem> rightNodes = right.Length <= StackLimit ? stackalloc MavenItem[rightNodeCount] : new MavenItem[rightNodeCount];
        Span<int> stack = stackalloc int[Math.Max(left.Length, right.Length) + 2];

        var a = MavenVersion.Parse(leftText, leftNodes, stack);
        var b = MavenVersion.Parse(rightText, rightNodes, stack);
        return MavenVersion.Compare(a, b);
    }
}
