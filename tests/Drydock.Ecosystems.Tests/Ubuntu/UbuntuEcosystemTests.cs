using Drydock.Ecosystems.Ubuntu;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Tests.Ubuntu;

public sealed class UbuntuEcosystemTests
{
    [Fact]
    public void Register_Alone_BuildsARegistry()
    {
        // A module must register without depending on another module being present.
        var registry = EcosystemBuilder.Build([new UbuntuEcosystem()]);

        Assert.Equal("ubuntu", Assert.Single(registry.Modules));
    }
}
