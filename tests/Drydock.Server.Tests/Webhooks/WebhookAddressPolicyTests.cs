using System.Net;
using Drydock.Server.Webhooks;

namespace Drydock.Server.Tests.Webhooks;

public sealed class WebhookAddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("fe80::1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("fd00::1")]
    [InlineData("224.0.0.1")]
    [InlineData("ff02::1")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("255.255.255.255")]
    public void Allows_InwardAddressWithNoAllowList_False(string address)
    {
        var policy = new WebhookAddressPolicy(new WebhookOptions());

        Assert.False(policy.Allows(IPAddress.Parse(address), "hooks.example"));
    }

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:2800:21f:cb07:6820:80da:af6b:8b2c")]
    public void Allows_PublicAddress_True(string address)
    {
        var policy = new WebhookAddressPolicy(new WebhookOptions());

        Assert.True(policy.Allows(IPAddress.Parse(address), "hooks.example"));
    }

    [Fact]
    public void Allows_AllowListOfRangesAddressesAndHosts_OnlyThoseAllowed()
    {
        var policy = new WebhookAddressPolicy(new WebhookOptions { AllowedPrivateNetworks = ["10.20.0.0/16", "192.168.7.7", "[fd00::5]", "hooks.internal"] });

        Assert.True(policy.Allows(IPAddress.Parse("10.20.3.4"), "a.example"));
        Assert.False(policy.Allows(IPAddress.Parse("10.21.3.4"), "a.example"));
        Assert.True(policy.Allows(IPAddress.Parse("192.168.7.7"), "a.example"));
        Assert.False(policy.Allows(IPAddress.Parse("192.168.7.8"), "a.example"));
        Assert.True(policy.Allows(IPAddress.Parse("fd00::5"), "a.example"));
        Assert.True(policy.Allows(IPAddress.Parse("10.99.0.1"), "HOOKS.internal."));
        Assert.False(policy.Allows(IPAddress.Parse("127.0.0.1"), "a.example"));
    }

    [Fact]
    public void Constructor_AllowListEntryThatIsNothing_SaysWhich()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new WebhookAddressPolicy(new WebhookOptions { AllowedPrivateNetworks = ["10.0.0.0/99"] }));

        Assert.Contains("10.0.0.0/99", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1/api/v1/db/update", "127.0.0.1")]
    [InlineData("http://2130706433/", "127.0.0.1")]
    [InlineData("http://0x7f.1/", "127.0.0.1")]
    [InlineData("http://[::1]:8080/", "::1")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254")]
    [InlineData("https://10.0.0.8/hook", "10.0.0.8")]
    [InlineData("http://[::ffff:192.168.0.1]/", "192.168.0.1")]
    [InlineData("http://user:password@hooks.example/x", "user info")]
    [InlineData("http://token@hooks.example/x", "user info")]
    public void RefusalOf_InwardOrCredentialUrl_SaysWhy(string url, string mentioned)
    {
        var policy = new WebhookAddressPolicy(new WebhookOptions());

        var refusal = policy.RefusalOf(new Uri(url));

        Assert.NotNull(refusal);
        Assert.Contains(mentioned, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://hooks.example/x")]
    [InlineData("http://localhost:9/")]
    [InlineData("https://93.184.215.14/x")]
    public void RefusalOf_PublicAddressOrHostName_Null(string url)
    {
        // A host name is judged at connect time, on what it resolves to then.
        Assert.Null(new WebhookAddressPolicy(new WebhookOptions()).RefusalOf(new Uri(url)));
    }
}
