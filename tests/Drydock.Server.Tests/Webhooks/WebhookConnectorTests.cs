using System.Net;
using Drydock.Server.Webhooks;

namespace Drydock.Server.Tests.Webhooks;

/// <summary>
/// The connect step, with the resolver and the socket connect replaced by recorders: a refused target is refused
/// before anything is connected, so these tests send no packet anywhere.
/// </summary>
public sealed class WebhookConnectorTests
{
    private readonly List<(IPAddress[] Addresses, int Port)> _connects = [];

    [Theory]
    [InlineData("169.254.169.254", 80)]
    [InlineData("127.0.0.1", 8080)]
    [InlineData("[::1]", 443)]
    [InlineData("10.0.0.1", 80)]
    [InlineData("0.0.0.0", 80)]
    public async Task ConnectAsync_ForbiddenLiteral_RefusedBeforeAnyConnect(string host, int port)
    {
        var connector = Connector(new WebhookOptions(), _ => throw new InvalidOperationException("a literal address is not resolved"));

        await Assert.ThrowsAsync<WebhookTargetRefusedException>(() => connector.ConnectAsync(host, port, CancellationToken.None).AsTask());

        Assert.Empty(_connects);
    }

    [Fact]
    public async Task ConnectAsync_NameRebindingToLoopback_RefusedBeforeAnyConnect()
    {
        // Public at registration, 127.0.0.1 at delivery: the addresses judged are those resolved for this connect.
        var connector = Connector(new WebhookOptions(), _ => [IPAddress.Loopback, IPAddress.Parse("169.254.169.254")]);

        var refused = await Assert.ThrowsAsync<WebhookTargetRefusedException>(() => connector.ConnectAsync("rebind.example", 80, CancellationToken.None).AsTask());

        Assert.Empty(_connects);
        Assert.Contains("rebind.example", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_NameWithPublicAndLoopbackAddresses_ConnectsOnlyToThePublicOne()
    {
        var connector = Connector(new WebhookOptions(), _ => [IPAddress.Loopback, IPAddress.Parse("93.184.215.14")]);

        await using var stream = await connector.ConnectAsync("mixed.example", 443, CancellationToken.None);

        var connect = Assert.Single(_connects);
        Assert.Equal([IPAddress.Parse("93.184.215.14")], connect.Addresses);
        Assert.Equal(443, connect.Port);
    }

    [Fact]
    public async Task ConnectAsync_LoopbackAllowedBySetting_Connects()
    {
        var connector = Connector(new WebhookOptions { AllowedPrivateNetworks = ["127.0.0.0/8"] }, _ => [IPAddress.Loopback]);

        await using var stream = await connector.ConnectAsync("localhost", 9000, CancellationToken.None);

        Assert.Equal([IPAddress.Loopback], Assert.Single(_connects).Addresses);
    }

    private WebhookConnector Connector(WebhookOptions options, Func<string, IPAddress[]> resolve) =>
        new(
            new WebhookAddressPolicy(options),
            (host, _) => Task.FromResult(resolve(host)),
            (addresses, port, _) =>
            {
                _connects.Add((addresses, port));
                return ValueTask.FromResult<Stream>(new MemoryStream());
            });
}
