using System.Text;
using Drydock.Scanning.Abstractions.Detection;

namespace Drydock.Scanning.Abstractions.Tests.Detection;

public sealed class BoundedLineReaderTests
{
    public static TheoryData<string> Texts => new()
    {
        string.Empty,
        "one",
        "one\n",
        "one\ntwo",
        "one\r\ntwo\r\n",
        "one\rtwo\r",
        "\n\n\n",
        "\r\n\r\n",
        "a\r\r\nb",
        "Package: x\nDescription: y\n long\n\nPackage: z\n",
        new string('x', 4095) + "\r\n" + new string('y', 5000) + "\r" + "\nz",
        new string('x', 4096) + "\r" + "\n" + "é€𝄞\n",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task ReadLineAsync_AnyText_SplitsAsStringReaderDoes(string text)
    {
        // The framework's own line splitting is the oracle.
        var expected = new List<string>();
        using (var oracle = new StringReader(text))
        {
            while (oracle.ReadLine() is { } line)
            {
                expected.Add(line);
            }
        }

        using var reader = new BoundedLineReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "f", 1 << 20);
        var actual = new List<string>();
        while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
        {
            actual.Add(line);
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task ReadLineAsync_LineAtTheLimit_IsReadAndOnePastItThrows()
    {
        var text = new string('a', 100) + "\n" + new string('b', 101) + "\n";
        using var reader = new BoundedLineReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "var/lib/dpkg/status", 100);

        Assert.Equal(new string('a', 100), await reader.ReadLineAsync(CancellationToken.None));
        var error = await Assert.ThrowsAsync<InputLimitException>(async () => await reader.ReadLineAsync(CancellationToken.None));

        Assert.Contains("var/lib/dpkg/status has a line longer than 100 characters", error.Message, StringComparison.Ordinal);
    }
}
