using Drydock.Ecosystems.Rust;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Tests.Rust;

public sealed class RustEcosystemTests
{
    [Fact]
    public void Register_Alone_BuildsARegistry()
    {
        // A module must register without depending on another module being present.
        var registry = EcosystemBuilder.Build([new RustEcosystem()]);

        Assert.Equal("rust", Assert.Single(registry.Modules));
    }
}
