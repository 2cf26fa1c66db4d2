using Drydock.Ecosystems.Wolfi;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Tests.Wolfi;

public sealed class WolfiEcosystemTests
{
    [Fact]
    public void Register_Alone_BuildsARegistry()
    {
        // A module must register without depending on another module being present.
        var registry = EcosystemBuilder.Build([new WolfiEcosystem()]);

        Assert.Equal("wolfi", Assert.Single(registry.Modules));
    }
}
