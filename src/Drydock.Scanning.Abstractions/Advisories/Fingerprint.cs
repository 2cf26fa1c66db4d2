namespace Drydock.Scanning.Abstractions.Advisories;

/// <summary>What a fetch remembers to make the next one conditional: ETag, Last-Modified, or a content hash.</summary>
/// <param name="Value">Opaque to the engine; stored with the source's update record.</param>
public readonly record struct Fingerprint(string Value);
