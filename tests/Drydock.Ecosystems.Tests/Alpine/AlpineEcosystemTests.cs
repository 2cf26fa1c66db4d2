using Drydock.Ecosystems.Alpine;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Tests.Alpine;

public sealed class AlpineEcosystemTests
{
    [Fact]
    public void Register_Alone_BuildsARegistry()
    {
        // A module must register without depending on another module being present.
        var registry = EcosystemBuilder.Build([new AlpineEcosystem()]);

        Assert.Equal("alpine", Assert.Single(registry.Modules));
    }
}
