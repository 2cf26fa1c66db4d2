using Drydock.Scanning.Abstractions.Detection;

namespace Drydock.Scanning.Abstractions.Tests.Detection;

public sealed class DetectionContextTests
{
    [Fact]
    public void Warn_MoreThanTheCap_KeepsTheFirstAndCountsTheRest()
    {
        var context = new DetectionContext();

        for (var i = 0; i < DetectionContext.MaxWarnings + 250; i++)
        {
            context.Warn($"entry {i} has no version");
        }

        Assert.Equal(DetectionContext.MaxWarnings, context.Warnings.Count);
        Assert.Equal("entry 0 has no version", context.Warnings[0]);
        Assert.Equal(250, context.DroppedWarnings);
    }
}
