using System.Net;
using System.Net.Sockets;

namespace Drydock.Server.Webhooks;

/// <summary>
/// The webhook client's connect step (<see cref="SocketsHttpHandler.ConnectCallback"/>): resolves the host itself,
/// keeps only the addresses <see cref="WebhookAddressPolicy"/> allows, and connects to those. Judging the addresses
/// actually connected to, not the URL, also defeats a name that resolves to a public address at registration and to
/// 127.0.0.1 at delivery (DNS rebinding). A refusal happens before any packet is sent.
/// </summary>
internal sealed class WebhookConnector(
    WebhookAddressPolicy policy,
    Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null,
    Func<IPAddress[], int, CancellationToken, ValueTask<Stream>>? connect = null)
{
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve = resolve ?? Dns.GetHostAddressesAsync;
    private readonly Func<IPAddress[], int, CancellationToken, ValueTask<Stream>> _connect = connect ?? ConnectSocketAsync;

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken);
    }

    public async ValueTask<Stream> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var bare = host.Trim('[', ']');
        var addresses = IPAddress.TryParse(bare, out var literal) ? [literal] : await _resolve(bare, cancellationToken);
        var allowed = Array.FindAll(addresses, a => policy.Allows(a, bare));
        if (allowed.Length == 0)
        {
            throw new WebhookTargetRefusedException(
                $"{host} resolves only to addresses that webhooks may not reach ({string.Join(", ", addresses.Select(a => a.ToString()))}); "
                + $"see {WebhookOptions.SectionName}:AllowedPrivateNetworks.");
        }

        return await _connect(allowed, port, cancellationToken);
    }

    private static async ValueTask<Stream> ConnectSocketAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
