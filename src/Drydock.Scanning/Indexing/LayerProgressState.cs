namespace Drydock.Scanning.Indexing;

/// <summary>The steps of one layer.</summary>
public enum LayerProgressState
{
    /// <summary>Reading started.</summary>
    Reading = 0,

    /// <summary>The layer was read.</summary>
    Read = 1,

    /// <summary>The result came from the cache.</summary>
    Cached = 2,
}
