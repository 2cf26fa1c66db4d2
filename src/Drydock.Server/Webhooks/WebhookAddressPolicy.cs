using System.Net;
using System.Net.Sockets;

namespace Drydock.Server.Webhooks;

/// <summary>
/// Which addresses a webhook may reach. A webhook URL is chosen by whoever may edit a namespace, and the server sends
/// to it from inside the network: aimed at loopback it reached the server's own API, aimed at the cloud metadata
/// address it fetched credentials, and its delivery log mapped internal ports. Loopback, link-local, private,
/// carrier-grade NAT, multicast, reserved and unspecified addresses are refused unless
/// <see cref="WebhookOptions.AllowedPrivateNetworks"/> names them.
/// </summary>
internal sealed class WebhookAddressPolicy
{
    private static readonly IPNetwork[] Forbidden =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/96"),
        IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("64:ff9b::/96"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("fec0::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    private readonly List<IPNetwork> _allowedNetworks = [];
    private readonly HashSet<string> _allowedHosts = new(StringComparer.OrdinalIgnoreCase);

    public WebhookAddressPolicy(WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var entry in options.AllowedPrivateNetworks.Select(e => e.Trim()).Where(e => e.Length > 0))
        {
            if (IPNetwork.TryParse(entry, out var network))
            {
                _allowedNetworks.Add(network);
            }
            else if (IPAddress.TryParse(entry.Trim('[', ']'), out var address))
            {
                _allowedNetworks.Add(new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            }
            else if (Uri.CheckHostName(entry) == UriHostNameType.Dns)
            {
                _allowedHosts.Add(entry.TrimEnd('.'));
            }
            else
            {
                throw new InvalidOperationException(
                    $"{WebhookOptions.SectionName}:AllowedPrivateNetworks: '{entry}' is not a CIDR range, an IP address or a host name.");
            }
        }
    }

    /// <summary>Whether a delivery to <paramref name="host"/> may connect to <paramref name="address"/>, one of its addresses.</summary>
    public bool Allows(IPAddress address, string host)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(host);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return !IsForbidden(address)
               || _allowedNetworks.Exists(n => n.Contains(address))
               || _allowedHosts.Contains(host.TrimEnd('.'));
    }

    /// <summary>Why <paramref name="url"/> may not be registered, or null. Only what the URL itself shows is judged here;
    /// a host name is judged at each connect, on the addresses it resolves to then.</summary>
    public string? RefusalOf(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.UserInfo.Length > 0)
        {
            return "url must not carry user info: the credentials would be stored and shown with the webhook; use the signing secret, or a token in the path.";
        }

        if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && IPAddress.TryParse(url.DnsSafeHost, out var address) && !Allows(address, url.DnsSafeHost))
        {
            return $"url points at {address}, a loopback, link-local, private, multicast or unspecified address; "
                   + $"a receiver inside the network must be listed in {WebhookOptions.SectionName}:AllowedPrivateNetworks.";
        }

        return null;
    }

    private static bool IsForbidden(IPAddress address) => Array.Exists(Forbidden, n => n.Contains(address));
}
