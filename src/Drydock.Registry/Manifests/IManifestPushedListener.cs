using Drydock.Oci;
using Drydock.Registry.Names;

namespace Drydock.Registry.Manifests;

/// <summary>
/// Told after a manifest has been stored (the "manifest pushed" event). The server implements it to queue scans;
/// the registry knows nothing about scanning. It runs on the push request, so it should only record work.
/// </summary>
public interface IManifestPushedListener
{
    Task OnManifestPushedAsync(RepositoryName repository, Digest digest, string mediaType, string? tag, CancellationToken cancellationToken);
}
