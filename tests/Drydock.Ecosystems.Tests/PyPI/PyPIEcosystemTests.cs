using Drydock.Ecosystems.PyPI;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Tests.PyPI;

public sealed class PyPIEcosystemTests
{
    [Fact]
    public void Register_Alone_BuildsARegistry()
    {
        // A module must register without depending on another module being present.
        var registry = EcosystemBuilder.Build([new PyPIEcosystem()]);

        Assert.Equal("pypi", Assert.Single(registry.Modules));
    }
}
