using Drydock.Ecosystems.Debian;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Tests.Debian;

public sealed class DebianEcosystemTests
{
    [Fact]
    public void Register_Alone_BuildsARegistry()
    {
        // A module must register without depending on another module being present.
        var registry = EcosystemBuilder.Build([new DebianEcosystem()]);

        Assert.Equal("debian", Assert.Single(registry.Modules));
    }
}
