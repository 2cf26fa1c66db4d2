namespace Drydock.Ecosystems.Versioning.Composer;

/// <summary>One <c>OP NORMALISED-VERSION</c> bound, matched as composer/semver's Constraint does.</summary>
internal sealed record ComposerConstraint(string Operator, string Version)
{
    /// <summary>True when the normalised <paramref name="candidate"/> satisfies this bound. Dev branches only
    /// match <c>==</c> and <c>!=</c> exactly, as Composer never orders branches against versions.</summary>
    public bool Matches(string candidate)
    {
        var candidateIsBranch = ComposerNormalizer.IsBranch(candidate);
        var boundIsBranch = ComposerNormalizer.IsBranch(Version);
        if (Operator is "!=" or "<>" && (candidateIsBranch || boundIsBranch))
        {
            return !string.Equals(candidate, Version, StringComparison.Ordinal);
        }

        if (candidateIsBranch || boundIsBranch)
        {
            return Operator is "==" or "=" && string.Equals(candidate, Version, StringComparison.Ordinal);
        }

        var c = PhpVersionCompare.Compare(candidate, Version);
        return Operator switch
        {
            "==" or "=" => c == 0,
            "!=" or "<>" => c != 0,
            "<" => c < 0,
            "<=" => c <= 0,
            ">" => c > 0,
            _ => c >= 0,
        };
    }

    /// <inheritdoc/>
    public override string ToString() => Operator + Version;
}
