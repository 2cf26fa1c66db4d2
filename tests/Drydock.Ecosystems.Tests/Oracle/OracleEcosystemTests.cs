using Drydock.Ecosystems.Oracle;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Tests.Oracle;

public sealed class OracleEcosystemTests
{
    [Fact]
    public void Register_Alone_BuildsARegistry()
    {
        // A module must register without depending on another module being present.
        var registry = EcosystemBuilder.Build([new OracleEcosystem()]);

        Assert.Equal("oracle", Assert.Single(registry.Modules));
    }
}
