namespace Drydock.Server.Lifecycle;

/// <summary>Scheduled retention and garbage collection, and pull statistics (section <c>Lifecycle</c> of the settings file).</summary>
public sealed class LifecycleOptions
{
    public const string SectionName = "Lifecycle";

    /// <summary>How often the retention rules of every namespace run; null (the default) runs them only on request.</summary>
    public TimeSpan? RetentionInterval { get; set; }

    /// <summary>How often garbage collection runs while serving; null (the default) runs it only on request.</summary>
    public TimeSpan? GarbageCollectionInterval { get; set; }

    /// <summary>How often pull counts gathered in memory are written to the database (and at shutdown).</summary>
    public TimeSpan PullStatisticsFlushInterval { get; set; } = TimeSpan.FromSeconds(30);
}
