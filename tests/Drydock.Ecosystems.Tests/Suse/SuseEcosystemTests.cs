using Drydock.Ecosystems.Suse;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Tests.Suse;

public sealed class SuseEcosystemTests
{
    [Fact]
    public void Register_Alone_BuildsARegistry()
    {
        // A module must register without depending on another module being present.
        var registry = EcosystemBuilder.Build([new SuseEcosystem()]);

        Assert.Equal("suse", Assert.Single(registry.Modules));
    }
}
