using Drydock.Ecosystems.Rhel;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Tests.Rhel;

public sealed class RhelEcosystemTests
{
    [Fact]
    public void Register_Alone_BuildsARegistry()
    {
        // A module must register without depending on another module being present.
        var registry = EcosystemBuilder.Build([new RhelEcosystem()]);

        Assert.Equal("rhel", Assert.Single(registry.Modules));
    }
}
