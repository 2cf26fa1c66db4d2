using System.Collections.Concurrent;
using Drydock.Registry.Storage;
using Drydock.Server.Integration;

namespace Drydock.Server.Policies;

/// <summary>
/// The scan settings of each namespace, as the pull policy reads them on every manifest GET and HEAD: without it,
/// each GET cost a SQLite query (and a JSON parse), a fifth of the server's CPU under load. An entry lives one
/// second; a settings change made through this process (<see cref="Invalidate"/>, called by the PATCH endpoint) is
/// seen by the next GET, one made any other way (another replica, a future write path) within that second.
/// Unknown namespaces are not cached, so a flood of made-up names costs queries but no memory.
/// </summary>
internal sealed class NamespacePolicyCache(IRegistryStore registry, TimeProvider timeProvider)
{
    /// <summary>How long a namespace's settings are served without looking again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _generation;

    /// <summary>The namespace's scan settings, or null when there is no such namespace.</summary>
    public async ValueTask<NamespaceScanSettings?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetTimestamp();
        if (_entries.TryGetValue(name, out var entry) && timeProvider.GetElapsedTime(entry.ReadAt, now) < Lifetime)
        {
            return entry.Settings;
        }

        var generation = Volatile.Read(ref _generation);
        var found = await registry.GetNamespaceAsync(name, cancellationToken);
        if (found is null)
        {
            return null;
        }

        var settings = NamespaceScanSettings.Read(found.SettingsJson);
        lock (_gate)
        {
            // A read that overlapped an invalidation may hold the old settings: serve them this once, never keep them.
            if (_generation == generation)
            {
                _entries[name] = new Entry(settings, now);
            }
        }

        return settings;
    }

    /// <summary>Forgets a namespace's settings after they changed, so the next pull reads them anew.</summary>
    public void Invalidate(string name)
    {
        lock (_gate)
        {
            _generation++;
            _entries.TryRemove(name, out _);
        }
    }

    private sealed record Entry(NamespaceScanSettings Settings, long ReadAt);
}
