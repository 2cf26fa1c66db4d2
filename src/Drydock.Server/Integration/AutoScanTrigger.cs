using Drydock.Data.Scans;
using Drydock.Oci;
using Drydock.Registry.Manifests;
using Drydock.Registry.Names;
using Drydock.Registry.Storage;

namespace Drydock.Server.Integration;

/// <summary>Queues a scan of every manifest pushed into a namespace whose settings have <c>autoScan</c>.</summary>
internal sealed class AutoScanTrigger(IRegistryStore registry, IScanStore scans, ScanQueueSignal signal, TimeProvider timeProvider) : IManifestPushedListener
{
    /// <inheritdoc/>
    public async Task OnManifestPushedAsync(RepositoryName repository, Digest digest, string mediaType, string? tag, CancellationToken cancellationToken)
    {
        var found = await registry.GetNamespaceAsync(repository.Namespace, cancellationToken);
        if (found is null || !NamespaceScanSettings.Read(found.SettingsJson).AutoScan)
        {
            return;
        }

        var job = await scans.EnqueueAsync(repository.Value, digest.ToString(), tag ?? digest.ToString(), timeProvider.GetUtcNow(), cancellationToken);
        Telemetry.ScanActivity.RememberPush(job);
        signal.Notify();
    }
}
