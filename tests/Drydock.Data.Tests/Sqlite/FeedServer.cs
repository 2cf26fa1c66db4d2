using System.Net;
using System.Net.Sockets;

namespace Drydock.Data.Tests.Sqlite;

/// <summary>A local HTTP server on 127.0.0.1 whose answer each test sets.</summary>
internal sealed class FeedServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public FeedServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUrl.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseUrl { get; }

    public Func<HttpListenerContext, Task> Handler { get; set; } = c =>
    {
        c.Response.StatusCode = 404;
        c.Response.Close();
        return Task.CompletedTask;
    };

    public List<(string Path, string? IfNoneMatch)> Requests { get; } = [];

    /// <summary>Answers a GET of <paramref name="body"/>: 304 when the request's If-None-Match is
    /// <paramref name="etag"/>, else 200 with the ETag and the length; <paramref name="truncate"/> sends
    /// half the body and drops the connection.</summary>
    public static async Task RespondAsync(HttpListenerContext context, byte[] body, string etag, bool truncate)
    {
        if (context.Request.Headers["If-None-Match"] == etag)
        {
            context.Response.StatusCode = 304;
            context.Response.Close();
            return;
        }

        context.Response.Headers["ETag"] = etag;
        context.Response.ContentLength64 = body.Length;
        if (truncate)
        {
            await context.Response.OutputStream.WriteAsync(body.AsMemory(0, body.Length / 2));
            await context.Response.OutputStream.FlushAsync();
            context.Response.Abort();
            return;
        }

        await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
    }

    public void Dispose()
    {
        // Close alone: after Stop, Close looks the port up again and binds it anew, which fails when a
        // server of another test has taken the port meanwhile ("Address already in use").
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener.
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            lock (Requests)
            {
                Requests.Add((context.Request.Url!.AbsolutePath, context.Request.Headers["If-None-Match"]));
            }

            try
            {
                await Handler(context);
            }
            catch (HttpListenerException)
            {
                // The client went away.
            }
        }
    }
}
