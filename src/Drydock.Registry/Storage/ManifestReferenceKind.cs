namespace Drydock.Registry.Storage;

/// <summary>What a manifest points at.</summary>
public enum ManifestReferenceKind
{
    /// <summary>A config or layer blob.</summary>
    Blob = 0,

    /// <summary>A child manifest of an index.</summary>
    Manifest = 1,
}
