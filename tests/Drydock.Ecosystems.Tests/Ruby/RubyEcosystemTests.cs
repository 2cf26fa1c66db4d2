using Drydock.Ecosystems.Ruby;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Tests.Ruby;

public sealed class RubyEcosystemTests
{
    [Fact]
    public void Register_Alone_BuildsARegistry()
    {
        // A module must register without depending on another module being present.
        var registry = EcosystemBuilder.Build([new RubyEcosystem()]);

        Assert.Equal("ruby", Assert.Single(registry.Modules));
    }
}
