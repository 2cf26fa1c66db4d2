using Drydock.Ecosystems.Versioning.Pep440;
using Xunit.Abstractions;

namespace Drydock.Ecosystems.Tests.Versioning.Pep440;

public sealed class TmpProbeTests(ITestOutputHelper output)
{
    [Fact]
    public void Probe()
    {
        var versions = VersionVectors.Lines("pep440-order.txt").ToArray();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 1; i < versions.Length; i++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                Pep440VersionScheme.Instance.Compare(versions[i - 1], versions[i]);
                var after = GC.GetAllocatedBytesForCurrentThread();
                if (round == 2 && after != before) output.WriteLine($"{versions[i - 1]} {versions[i]} {after - before}");
            }
        }
        for (var round = 0; round < 3; round++)
        {
            var b0 = GC.GetAllocatedBytesForCurrentThread();
            var x = "abc.def".AsSpan().IndexOfAny('.', '-', '_');
            var b1 = GC.GetAllocatedBytesForCurrentThread();
            var y = "123".AsSpan().ContainsAnyExceptInRange('0', '9');
            var b2 = GC.GetAllocatedBytesForCurrentThread();
            output.WriteLine($"ia {b1 - b0} ce {b2 - b1} {x} {y}");
        }
        Assert.Fail("probe");
    }
}
