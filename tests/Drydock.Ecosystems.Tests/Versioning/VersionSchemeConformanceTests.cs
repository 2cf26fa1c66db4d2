using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Ecosystems.Tests.Versioning;

/// <summary>
/// The properties every version scheme must have, run on each scheme by a sealed subclass:
/// a total order (reflexive, antisymmetric, transitive over a known ascending list), rejection of
/// invalid input, and comparisons that do not allocate.
/// </summary>
public abstract class VersionSchemeConformanceTests
{
    protected abstract IVersionScheme Scheme { get; }

    /// <summary>Versions in strictly ascending order, taken from upstream data where possible.</summary>
    protected abstract IReadOnlyList<string> AscendingVersions { get; }

    /// <summary>Strings the scheme must reject.</summary>
    protected abstract IReadOnlyList<string> InvalidVersions { get; }

    [Fact]
    public void Compare_SameVersion_ReturnsZero()
    {
        foreach (var version in AscendingVersions)
        {
            Assert.True(Scheme.Compare(version, version) == 0, $"{version} != itself");
            Assert.True(Scheme.Compare(version, new string(version.AsSpan())) == 0, $"{version} != a copy of itself");
        }
    }

    [Fact]
    public void Compare_AscendingList_IsAStrictTotalOrder()
    {
        // All pairs: i < j must compare below, and the reverse above. Over a list, this gives
        // antisymmetry and transitivity for the versions in it.
        var versions = AscendingVersions;
        Assert.True(versions.Count >= 5, "The ascending list is too short to say anything.");
        var failures = new List<string>();
        for (var i = 0; i < versions.Count; i++)
        {
            for (var j = i + 1; j < versions.Count; j++)
            {
                if (Scheme.Compare(versions[i], versions[j]) >= 0 || Scheme.Compare(versions[j], versions[i]) <= 0)
                {
                    failures.Add($"{versions[i]} < {versions[j]}");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void TryValidate_AscendingVersions_AreValid()
    {
        var rejected = AscendingVersions.Where(v => !Scheme.TryValidate(v, out _)).ToList();

        Assert.Empty(rejected);
    }

    [Fact]
    public void TryValidate_InvalidVersions_AreRejectedWithAReason()
    {
        foreach (var version in InvalidVersions)
        {
            Assert.False(Scheme.TryValidate(version, out var reason), $"'{version}' was accepted");
            Assert.False(string.IsNullOrWhiteSpace(reason));
        }
    }

    [Fact]
    public void Compare_ValidVersions_DoesNotAllocate()
    {
        var versions = AscendingVersions.ToArray();
        var sum = 0;
        for (var i = 1; i < versions.Length; i++)
        {
            sum += Scheme.Compare(versions[i - 1], versions[i]); // warm-up: JIT and static initialisers
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1; i < versions.Length; i++)
        {
            sum += Scheme.Compare(versions[i - 1], versions[i]);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(sum != int.MinValue);
        Assert.Equal(0, allocated);
    }
}
