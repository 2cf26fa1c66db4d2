namespace Drydock.Scanning.Abstractions.Detection;

/// <summary>
/// What a detector may tell the engine besides packages: warnings about input it could only partly
/// read (a lockfile entry without a version, a truncated record). A detector that cannot read a file
/// at all throws; the engine turns that into a warning naming the file and the scan goes on.
/// </summary>
public sealed class DetectionContext
{
    private readonly List<string> _warnings = [];

    /// <summary>Warnings reported so far.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Records a warning. The message should name the file and say what was skipped.</summary>
    public void Warn(string message) => _warnings.Add(message);
}
