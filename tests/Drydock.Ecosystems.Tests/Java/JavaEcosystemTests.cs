using Drydock.Ecosystems.Java;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Tests.Java;

public sealed class JavaEcosystemTests
{
    [Fact]
    public void Register_Alone_BuildsARegistry()
    {
        // A module must register without depending on another module being present.
        var registry = EcosystemBuilder.Build([new JavaEcosystem()]);

        Assert.Equal("java", Assert.Single(registry.Modules));
    }
}
