using Drydock.Ecosystems.Npm;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Tests.Npm;

public sealed class NpmEcosystemTests
{
    [Fact]
    public void Register_Alone_BuildsARegistry()
    {
        // A module must register without depending on another module being present.
        var registry = EcosystemBuilder.Build([new NpmEcosystem()]);

        Assert.Equal("npm", Assert.Single(registry.Modules));
    }
}
