using Drydock.Registry.Uploads;

namespace Drydock.Registry.Tests.Uploads;

public sealed class ContentRangeTests
{
    [Theory]
    [InlineData("0-99", 0, 99)]
    [InlineData("100-199", 100, 199)]
    [InlineData("bytes 0-9/10", 0, 9)]
    [InlineData("bytes=5-5", 5, 5)]
    public void TryParse_Valid_ReadsInclusiveRange(string value, long start, long end)
    {
        Assert.True(ContentRange.TryParse(value, out var range));
        Assert.Equal(start, range.Start);
        Assert.Equal(end, range.End);
        Assert.Equal(end - start + 1, range.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("10-5")]
    [InlineData("-5")]
    [InlineData("a-b")]
    [InlineData(null)]
    public void TryParse_Invalid_Refuses(string? value)
    {
        Assert.False(ContentRange.TryParse(value, out _));
    }
}
