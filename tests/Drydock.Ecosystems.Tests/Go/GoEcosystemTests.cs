using Drydock.Ecosystems.Go;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Tests.Go;

public sealed class GoEcosystemTests
{
    [Fact]
    public void Register_Alone_BuildsARegistry()
    {
        // A module must register without depending on another module being present.
        var registry = EcosystemBuilder.Build([new GoEcosystem()]);

        Assert.Equal("go", Assert.Single(registry.Modules));
    }
}
