using Drydock.Ecosystems.DotNet;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Tests.DotNet;

public sealed class DotNetEcosystemTests
{
    [Fact]
    public void Register_Alone_BuildsARegistry()
    {
        // A module must register without depending on another module being present.
        var registry = EcosystemBuilder.Build([new DotNetEcosystem()]);

        Assert.Equal("dotnet", Assert.Single(registry.Modules));
    }
}
