using Drydock.Ecosystems.Amazon;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Tests.Amazon;

public sealed class AmazonEcosystemTests
{
    [Fact]
    public void Register_Alone_BuildsARegistry()
    {
        // A module must register without depending on another module being present.
        var registry = EcosystemBuilder.Build([new AmazonEcosystem()]);

        Assert.Equal("amazon", Assert.Single(registry.Modules));
    }
}
