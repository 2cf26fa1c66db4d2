using Drydock.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Drydock.Server.Tests;

/// <summary>A Drydock server started in-process on a free loopback port, over a fresh data directory.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(TempDirectory data, WebApplication app, Uri address)
    {
        Data = data;
        App = app;
        Address = address;
        Client = CreateClient();
    }

    public TempDirectory Data { get; }

    public WebApplication App { get; }

    public Uri Address { get; }

    /// <summary>A client that does not follow redirects, so tests see Location headers as sent.</summary>
    public HttpClient Client { get; }

    /// <summary>
    /// Starts a server. The scheduled advisory update is off unless <paramref name="settings"/> turns it on: a test
    /// server must not fetch feeds from the internet.
    /// </summary>
    public static async Task<RunningServer> StartAsync(
        bool explicitNamespaces = false, TempDirectory? data = null, string? configFile = null, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? timeProvider = null)
    {
        data ??= new TempDirectory("drydock-server");
        var merged = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["Scanning:Update:Enabled"] = "false" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        var app = await DrydockServer.CreateAsync(
            new DrydockServerOptions
            {
                DataDirectory = data.Path,
                Urls = "http://127.0.0.1:0",
                ExplicitNamespaces = explicitNamespaces ? true : null,
                ConfigFile = configFile,
                MinimumLogLevel = LogLevel.Warning,
                TimeProvider = timeProvider,
                Settings = merged,
            },
            CancellationToken.None);
        await app.StartAsync();
        var address = new Uri(DrydockServer.GetListeningAddresses(app).Single());
        return new RunningServer(data, app, address);
    }

    public HttpClient CreateClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>Stops the server but keeps its data directory (for restart tests).</summary>
    public async Task StopAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        try
        {
            await App.StopAsync();
        }
        catch (ObjectDisposedException)
        {
            // Already stopped by the test.
        }

        await App.DisposeAsync();
        Data.Dispose();
    }
}
