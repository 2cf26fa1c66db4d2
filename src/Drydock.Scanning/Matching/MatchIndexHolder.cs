using Drydock.Scanning.Advisories;

namespace Drydock.Scanning.Matching;

/// <summary>Holds the current match index and swaps in a rebuilt one atomically: a scan that started on
/// the old index finishes on it, the next one sees the new index. Never a half-built index.</summary>
public sealed class MatchIndexHolder
{
    private MatchIndex _current = MatchIndex.Empty;

    /// <summary>The index in force.</summary>
    public MatchIndex Current => Volatile.Read(ref _current);

    /// <summary>Rebuilds the index from the store and swaps it in; returns the new index.</summary>
    public async Task<MatchIndex> ReloadAsync(IAdvisoryStore store, CancellationToken cancellationToken)
    {
        var rebuilt = await MatchIndex.BuildAsync(store, cancellationToken);
        Interlocked.Exchange(ref _current, rebuilt);
        return rebuilt;
    }

    /// <summary>Swaps in an index built elsewhere (one scan's, from <see cref="MatchIndex.BuildAsync(IAdvisoryStore, IReadOnlyCollection{string}, CancellationToken)"/>).</summary>
    public void Swap(MatchIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        Interlocked.Exchange(ref _current, index);
    }
}
