namespace Drydock.Registry.Storage;

/// <summary>What deleting a namespace did.</summary>
public enum NamespaceDeletion
{
    Deleted,
    NotFound,

    /// <summary>The namespace still has repositories and force was not asked for.</summary>
    NotEmpty,
}
