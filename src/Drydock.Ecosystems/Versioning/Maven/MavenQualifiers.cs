namespace Drydock.Ecosystems.Versioning.Maven;

/// <summary>
/// A qualifier's place in ComparableVersion's order: alpha &lt; beta &lt; milestone &lt; rc &lt; snapshot &lt;
/// "" (= ga, final, release) &lt; sp &lt; any other string, the others ordered lexically among themselves.
/// </summary>
internal static class MavenQualifiers
{
    public const int Release = 5;
    public const int Unknown = 7;

    public static int Rank(ReadOnlySpan<char> value, bool followedByDigit)
    {
        // a1 = alpha-1, b1 = beta-1, m1 = milestone-1.
        if (followedByDigit && value.Length == 1)
        {
            switch (value[0])
            {
                case 'a': return 0;
                case 'b': return 1;
                case 'm': return 2;
            }
        }

        return value switch
        {
            "alpha" => 0,
            "beta" => 1,
            "milestone" => 2,
            "rc" or "cr" => 3,
            "snapshot" => 4,
            "" or "ga" or "final" or "release" => Release,
            "sp" => 6,
            _ => Unknown,
        };
    }
}
