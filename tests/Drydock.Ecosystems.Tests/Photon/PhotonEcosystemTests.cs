using Drydock.Ecosystems.Photon;
using Drydock.Scanning.Abstractions.Ecosystems;

namespace Drydock.Ecosystems.Tests.Photon;

public sealed class PhotonEcosystemTests
{
    [Fact]
    public void Register_Alone_BuildsARegistry()
    {
        // A module must register without depending on another module being present.
        var registry = EcosystemBuilder.Build([new PhotonEcosystem()]);

        Assert.Equal("photon", Assert.Single(registry.Modules));
    }
}
