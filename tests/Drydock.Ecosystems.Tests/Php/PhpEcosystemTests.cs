using Drydock.Ecosystems.Php;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Tests.Php;

public sealed class PhpEcosystemTests
{
    [Fact]
    public void Register_Alone_BuildsARegistry()
    {
        // A module must register without depending on another module being present.
        var registry = EcosystemBuilder.Build([new PhpEcosystem()]);

        Assert.Equal("php", Assert.Single(registry.Modules));
    }
}
