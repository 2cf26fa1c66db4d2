using Drydock.Oci;
using Drydock.Registry.Errors;
using Drydock.Registry.Names;

namespace Drydock.Registry.Manifests;

/// <summary>
/// Decides whether an existing tag may move to another manifest or be deleted (tag immutability). The host supplies it;
/// the registry asks only when the tag exists and the change is real (the same digest pushed again always passes).
/// </summary>
public interface ITagGuard
{
    /// <summary>Null to allow; otherwise the error (DENIED naming the rule) the client receives.</summary>
    Task<OciError?> CheckChangeAsync(RepositoryName repository, string tag, Digest current, CancellationToken cancellationToken);
}
