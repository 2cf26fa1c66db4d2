using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Scanning.Indexing;

/// <summary>The visible state of the stacked layers: packages with their layers, release files and links.</summary>
internal sealed record CoalescedImage(
    IReadOnlyList<Package> Packages,
    IReadOnlyDictionary<string, ReleaseFile> ReleaseFiles,
    IReadOnlyDictionary<string, LayerLink> Links);
