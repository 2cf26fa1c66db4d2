using Drydock.Ecosystems.AzureLinux;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Tests.AzureLinux;

public sealed class AzureLinuxEcosystemTests
{
    [Fact]
    public void Register_Alone_BuildsARegistry()
    {
        // A module must register without depending on another module being present.
        var registry = EcosystemBuilder.Build([new AzureLinuxEcosystem()]);

        Assert.Equal("azurelinux", Assert.Single(registry.Modules));
    }
}
