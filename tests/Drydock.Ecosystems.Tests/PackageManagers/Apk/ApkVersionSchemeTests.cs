using Drydock.Ecosystems.PackageManagers.Apk;
using Drydock.Ecosystems.Tests.Versioning;

namespace Drydock.Ecosystems.Tests.PackageManagers.Apk;

/// <summary>
/// apk ordering against upstream vectors. Generation: apk-tools 3.0 (alpinelinux/apk-tools
/// test/unit/version.data @ 90b974fd, last changed 2024-11-11, which has the <c>~hash</c> commit token).
/// The osv-scanner Alpine fixtures were ordered by apk 2.x (alpine:3.10). Their lines with a string
/// apk 3 rejects as invalid (<c>5.7.1p1-r0</c>, <c>1-r</c>: letter then digit, empty revision) belong to
/// that older generation and are excluded; the versions README counts them: 27 lines of
/// osvscanner-alpine.tsv and 58 of osvscanner-alpine-generated.tsv.
/// </summary>
public sealed class ApkVersionSchemeTests
{
    private static readonly ApkVersionScheme Scheme = ApkVersionScheme.Instance;

    public static TheoryData<int, string, string, int> Apk => VersionVectors.Comparisons("apk.tsv");

    public static TheoryData<int, string, string, int> OsvScanner
    {
        get
        {
            var data = new TheoryData<int, string, string, int>();
            foreach (var (line, left, right, expected) in CurrentGeneration("osvscanner-alpine.tsv"))
            {
                data.Add(line, left, right, expected);
            }

            return data;
        }
    }

    public static TheoryData<string, string, string> Operators
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var row in VersionVectors.Rows("apk-ops.tsv"))
            {
                data.Add(row[0], row[1], row[2]);
            }

            return data;
        }
    }

    public static TheoryData<string, bool> Validity
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (var row in VersionVectors.Rows("apk-valid.tsv"))
            {
                data.Add(row[0], row[1] == "true");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Apk))]
    [MemberData(nameof(OsvScanner))]
    public void Compare_UpstreamVector_MatchesExpected(int line, string left, string right, int expected)
    {
        Assert.True(line > 0);
        Assert.Equal(expected, Math.Sign(Scheme.Compare(left, right)));
        Assert.Equal(-expected, Math.Sign(Scheme.Compare(right, left)));
    }

    [Fact]
    public void Compare_OsvScannerGeneratedOrder_MatchesEveryCurrentGenerationLine()
    {
        var failures = CurrentGeneration("osvscanner-alpine-generated.tsv")
            .Where(v => Math.Sign(Scheme.Compare(v.Left, v.Right)) != v.Expected)
            .Select(v => $"{v.Line}: {v.Left} {v.Right} {v.Expected}")
            .ToList();

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("osvscanner-alpine.tsv", 27)]
    [InlineData("osvscanner-alpine-generated.tsv", 58)]
    public void TryValidate_OsvScannerFixtures_RejectsExactlyTheLinesTheReadmeCountsAsApk2(string file, int apk2Lines)
    {
        var rows = VersionVectors.Rows(file);

        Assert.Equal(apk2Lines, rows.Count - CurrentGeneration(file).Count());
    }

    /// <summary>The lines whose two versions apk 3 accepts; the others are apk 2.x generation (see the class remarks).</summary>
    private static IEnumerable<(int Line, string Left, string Right, int Expected)> CurrentGeneration(string file) =>
        VersionVectors.Rows(file)
            .Select((row, index) => (Line: index + 1, Left: row[0], Right: row[1], Expected: int.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture)))
            .Where(v => Scheme.TryValidate(v.Left, out _) && Scheme.TryValidate(v.Right, out _));

    [Theory]
    [MemberData(nameof(Operators))]
    public void Compare_OperatorVector_HoldsAsApkMatchesIt(string left, string op, string right)
    {
        // apk_version_match: the comparison's result bit must be in the operator's mask; '~' makes the
        // comparison fuzzy (right a prefix of left) and admits equality; a leading '!' negates.
        var negate = op.StartsWith('!');
        var ops = negate ? op[1..] : op;
        var fuzzy = ops.Contains('~', StringComparison.Ordinal);
        var result = Math.Sign(ApkVersionScheme.Compare(left, right, fuzzy));
        var holds = (result < 0 && ops.Contains('<', StringComparison.Ordinal))
            || (result > 0 && ops.Contains('>', StringComparison.Ordinal))
            || (result == 0 && (ops.Contains('=', StringComparison.Ordinal) || fuzzy));

        Assert.True(holds != negate, $"{left} {op} {right}: compare gave {result}");
    }

    [Theory]
    [MemberData(nameof(Validity))]
    public void TryValidate_UpstreamValidityVector_MatchesExpected(string version, bool valid)
    {
        Assert.Equal(valid, Scheme.TryValidate(version, out var reason));
        Assert.Equal(valid, reason is null);
    }

    [Fact]
    public void Compare_EveryUpstreamVector_DoesNotAllocate()
    {
        // The conformance chain has no suffixes; this covers every token kind (a boxed enum comparison
        // on suffixes once allocated here).
        var rows = VersionVectors.Rows("apk.tsv").Concat(VersionVectors.Rows("osvscanner-alpine.tsv")).ToArray();
        var sum = 0;
        foreach (var row in rows)
        {
            sum += Scheme.Compare(row[0], row[1]);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var row in rows)
        {
            sum += Scheme.Compare(row[0], row[1]);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.NotEqual(int.MinValue, sum);
    }
}
