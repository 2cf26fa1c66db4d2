using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Drydock.Server.Tests;

/// <summary>
/// A real HTTP server on 127.0.0.1 with a free port, answering every request with <see cref="Handler"/> and keeping
/// each request (method, path, headers, body bytes) it received: a webhook receiver or a feed mirror.
/// </summary>
public sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalHttpServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Answers a request; the default is 200 with no body.</summary>
    public Func<HttpContext, byte[], Task> Handler { get; set; } = (context, _) =>
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        return Task.CompletedTask;
    };

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    public static async Task<LocalHttpServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        LocalHttpServer? server = null;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var bytes = body.ToArray();
            server!.Received.Enqueue(new ReceivedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                bytes));
            await server.Handler(context, bytes);
        });
        await app.StartAsync();
        server = new LocalHttpServer(app, new Uri(DrydockServer.GetListeningAddresses(app).Single()));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
