using Drydock.Commands;
using Drydock.Testing;

namespace Drydock.Tests.Commands;

/// <summary>The exit codes of whole command lines: usage errors are 2 whichever part of the line is wrong.</summary>
public sealed class CommandCatalogTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);
    private readonly TempDirectory _directory = new("drydock-cli");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task InvokeAsync_UnknownFormat_UsageError()
    {
        Assert.Equal(ExitCodes.Usage, await CommandCatalog.InvokeAsync(["scan", $"dir:{_directory.Path}", "--format", "yaml"]).WaitAsync(Bound));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("256")]
    public async Task InvokeAsync_ExitCodeOfAnErrorOrOutOfRange_UsageError(string exitCode)
    {
        Assert.Equal(ExitCodes.Usage, await CommandCatalog.InvokeAsync(["scan", $"dir:{_directory.Path}", "--exit-code", exitCode]).WaitAsync(Bound));
    }

    [Fact]
    public async Task InvokeAsync_ServeWithMissingConfig_UsageError()
    {
        var code = await CommandCatalog.InvokeAsync(["serve", "--data", _directory.Combine("data"), "--urls", "http://127.0.0.1:0", "--config", _directory.Combine("missing.json")])
            .WaitAsync(Bound);

        Assert.Equal(ExitCodes.Usage, code);
    }

    [Theory]
    [InlineData("{\"Scanning\": ")]
    [InlineData("{\"Scanning\": {\"Concurrency\": \"lots\"}}")]
    public async Task InvokeAsync_ServeWithBrokenConfig_UsageErrorInsteadOfAStackTrace(string json)
    {
        var config = _directory.Combine("drydock.json");
        await File.WriteAllTextAsync(config, json);

        var code = await CommandCatalog.InvokeAsync(["serve", "--data", _directory.Combine("data"), "--urls", "http://127.0.0.1:0", "--config", config])
            .WaitAsync(Bound);

        Assert.Equal(ExitCodes.Usage, code);
    }

    [Fact]
    public void Resolve_CacheDirectoryVariable_WinsOverXdgAndHome()
    {
        var root = CachePaths.Resolve(name => name switch { "DRYDOCK_CACHE_DIR" => "/srv/drydock-cache", "XDG_CACHE_HOME" => "/xdg", _ => null }, "/home/u");

        Assert.Equal("/srv/drydock-cache", root);
    }

    [Theory]
    [InlineData("/xdg", "/xdg/drydock")]
    [InlineData(null, "/home/u/.cache/drydock")]
    [InlineData("relative/cache", "/home/u/.cache/drydock")]
    public void Resolve_NoVariable_XdgCacheHomeElseHomeCache(string? xdg, string expected)
    {
        Assert.Equal(expected, CachePaths.Resolve(name => name == "XDG_CACHE_HOME" ? xdg : null, "/home/u"));
    }

    [Fact]
    public void Database_Default_InTheCacheDirectoryNotTheWorkingDirectory()
    {
        Assert.Equal(Path.Combine(CachePaths.Root, "vulndb.sqlite"), CachePaths.Database);
        Assert.False(CachePaths.Database.StartsWith(Path.Combine(Environment.CurrentDirectory, "drydock-data"), StringComparison.Ordinal));
    }
}
