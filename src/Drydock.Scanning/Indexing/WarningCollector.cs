using System.Globalization;

namespace Drydock.Scanning.Indexing;

/// <summary>
/// The warnings of one layer, capped: a hostile layer of 300,000 <c>../</c> entries would otherwise carry
/// 300,000 lines into the cache, the summary, the report and every webhook body. The first warnings are
/// kept and the rest counted, closing with one line that says how many were left out.
/// </summary>
internal sealed class WarningCollector(string digest, int max)
{
    private readonly List<string> _kept = [];

    /// <summary>Warnings counted but not kept.</summary>
    public long Dropped { get; private set; }

    public void Add(string message)
    {
        if (_kept.Count < max)
        {
            _kept.Add(message);
        }
        else
        {
            Dropped++;
        }
    }

    /// <summary>Counts warnings that an earlier cap (a detector's own) already left out.</summary>
    public void AddDropped(long count) => Dropped += count;

    public List<string> ToList()
    {
        var list = new List<string>(_kept);
        if (Dropped > 0)
        {
            list.Add(string.Create(CultureInfo.InvariantCulture, $"layer {digest}: and {Dropped:N0} more warnings"));
        }

        return list;
    }
}
