namespace Drydock.Scanning.Abstractions.Model;

/// <summary>Normalised severity, ordered so that a larger value is worse.</summary>
public enum Severity
{
    /// <summary>No severity known.</summary>
    Unknown = 0,

    /// <summary>Negligible or informational.</summary>
    Negligible = 1,

    /// <summary>Low.</summary>
    Low = 2,

    /// <summary>Medium (moderate).</summary>
    Medium = 3,

    /// <summary>High (important).</summary>
    High = 4,

    /// <summary>Critical.</summary>
    Critical = 5,
}
