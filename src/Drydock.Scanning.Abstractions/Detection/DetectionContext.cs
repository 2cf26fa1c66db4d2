namespace Drydock.Scanning.Abstractions.Detection;

/// <summary>
/// What a detector may tell the engine besides packages: warnings about input it could only partly
/// read (a lockfile entry without a version, a truncated record). A detector that cannot read a file
/// at all throws; the engine turns that into a warning naming the file and the scan goes on.
/// </summary>
public sealed class DetectionContext
{
    /// <summary>The most warnings kept for one file; the rest are only counted, so that a file of a million
    /// broken entries costs a counter, not a million messages.</summary>
    public const int MaxWarnings = 100;

    private readonly List<string> _warnings = [];

    /// <summary>Warnings reported so far, at most <see cref="MaxWarnings"/>.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Warnings reported past <see cref="MaxWarnings"/>, counted and not kept.</summary>
    public long DroppedWarnings { get; private set; }

    /// <summary>Records a warning. The message should name the file and say what was skipped.</summary>
    public void Warn(string message)
    {
        if (_warnings.Count < MaxWarnings)
        {
            _warnings.Add(message);
        }
        else
        {
            DroppedWarnings++;
        }
    }
}
