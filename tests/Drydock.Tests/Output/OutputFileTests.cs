using System.Text;
using Drydock.Output;
using Drydock.Testing;

namespace Drydock.Tests.Output;

public sealed class OutputFileTests
{
    [Fact]
    public async Task WriteAsync_DevNull_LeavesTheDeviceNode()
    {
        var ct = CancellationToken.None;

        await OutputFile.WriteAsync("/dev/null", (stream, token) => stream.WriteAsync("report"u8.ToArray(), token).AsTask(), ct);

        // stat(1) is the outside judge of the file type: renaming a temp file over /dev/null would make it "regular empty file".
        var stat = await ExternalTool.RunAsync("stat", ["-c", "%F", "/dev/null"], ct);
        Assert.Equal("character special file", stat.StandardOutput.Trim());
    }

    [Fact]
    public async Task WriteAsync_RegularFile_ReplacesContentAndLeavesNoTemporaryFile()
    {
        var ct = CancellationToken.None;
        using var dir = new TempDirectory();
        var path = dir.Combine("report.json");
        await File.WriteAllTextAsync(path, "old", ct);

        await OutputFile.WriteAsync(path, (stream, token) => stream.WriteAsync("new"u8.ToArray(), token).AsTask(), ct);

        Assert.Equal("new", await File.ReadAllTextAsync(path, Encoding.UTF8, ct));
        Assert.Equal(["report.json"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task WriteAsync_WriterFails_KeepsThePreviousFile()
    {
        var ct = CancellationToken.None;
        using var dir = new TempDirectory();
        var path = dir.Combine("report.json");
        await File.WriteAllTextAsync(path, "old", ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => OutputFile.WriteAsync(path, (_, _) => throw new InvalidOperationException("boom"), ct));

        Assert.Equal("old", await File.ReadAllTextAsync(path, ct));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Theory]
    [InlineData("/dev/null", true)]
    [InlineData("/dev/stdout", true)]
    [InlineData("/proc/self/fd/1", true)]
    [InlineData("/tmp/report.json", false)]
    [InlineData("report.json", false)]
    public void IsDevicePath_KnownPaths_AreClassified(string path, bool expected)
    {
        Assert.Equal(expected, OutputFile.IsDevicePath(path));
    }
}
