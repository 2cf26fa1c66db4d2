using Drydock.Oci.Manifests;

namespace Drydock.Oci.Sources;

/// <summary>How to open a target: the platform to choose from an index, registry transport and credentials.</summary>
public sealed record ImageSourceOptions
{
    /// <summary>The platform to choose from a multi-platform image; linux/amd64 when null.</summary>
    public Platform? Platform { get; init; }

    /// <summary>Talk plain HTTP to the registry (and accept no TLS).</summary>
    public bool Insecure { get; init; }

    /// <summary>A registry user name for basic auth and token requests.</summary>
    public string? Username { get; init; }

    /// <summary>The password or token that goes with <see cref="Username"/>.</summary>
    public string? Password { get; init; }

    /// <summary>The HTTP handler for registry requests; a default one with the system trust store when null.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }
}
