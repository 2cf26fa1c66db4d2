using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Scanning.Advisories;
using Drydock.Testing;

namespace Drydock.Scanning.Tests.Advisories;

public sealed class DirectoryFeedContextTests
{
    [Fact]
    public async Task GetAsync_SameFileTwice_IsUnchangedTheSecondTime()
    {
        using var mirror = new TempDirectory();
        Directory.CreateDirectory(mirror.Combine("secdb.alpinelinux.org", "v3.10"));
        File.Copy(TestPaths.Shared("feeds", "alpine-secdb", "secdb-json", "claircore-v3.10-community.json"), mirror.Combine("secdb.alpinelinux.org", "v3.10", "community.json"));
        var context = new DirectoryFeedContext(mirror.Path);
        var url = new Uri("https://secdb.alpinelinux.org/v3.10/community.json");

        var first = await context.GetAsync(url, null, CancellationToken.None);
        await first.Content!.DisposeAsync();
        var second = await context.GetAsync(url, first.Fingerprint, CancellationToken.None);

        Assert.False(first.IsUnchanged);
        Assert.True(second.IsUnchanged);
    }

    [Fact]
    public async Task GetAsync_MissingFile_NamesThePath()
    {
        using var mirror = new TempDirectory();

        var error = await Assert.ThrowsAsync<FeedUnavailableException>(() => new DirectoryFeedContext(mirror.Path).GetAsync(new Uri("https://security-tracker.debian.org/tracker/data/json"), null, CancellationToken.None));

        Assert.Contains(Path.Combine("security-tracker.debian.org", "tracker", "data", "json"), error.Message, StringComparison.Ordinal);
    }
}
