using Drydock.Oci;

namespace Drydock.Registry.GarbageCollection;

/// <summary>
/// Orders garbage collection against uploads of the same blob in this process: an upload holds its digest's lock from
/// the moment the file is committed until the repository is linked to it, and the collector holds it from the moment
/// it forgets the blob until the file is gone. Without it, a blob re-uploaded between the two steps of either side could
/// be linked while its file was deleted. Locks are striped by digest, so a collection blocks only writers of a blob it
/// is removing, for the time one removal takes.
/// </summary>
public sealed class BlobLocks
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Waits for the digest's lock; disposing the result releases it.</summary>
    public async Task<Held> AcquireAsync(Digest digest, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(uint)digest.GetHashCode() % (uint)_stripes.Length];
        await stripe.WaitAsync(cancellationToken);
        return new Held(stripe);
    }

    /// <summary>A held lock.</summary>
    public sealed class Held(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                stripe.Release();
            }
        }
    }
}
