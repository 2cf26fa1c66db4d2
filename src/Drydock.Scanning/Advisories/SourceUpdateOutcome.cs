namespace Drydock.Scanning.Advisories;

/// <summary>How one source's update ended.</summary>
public enum SourceUpdateOutcome
{
    /// <summary>New data committed.</summary>
    Updated,

    /// <summary>The feed had not changed; nothing was written but the attempt.</summary>
    Unchanged,

    /// <summary>The update failed; the previous data stays in force.</summary>
    Failed,
}
