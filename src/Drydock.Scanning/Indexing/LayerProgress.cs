namespace Drydock.Scanning.Indexing;

/// <summary>Progress of one layer, reported to an <see cref="IProgress{T}"/>.</summary>
/// <param name="Index">The layer position, 0 for the base.</param>
/// <param name="Count">How many layers the image has.</param>
/// <param name="Digest">The layer digest.</param>
/// <param name="State">What just happened.</param>
public sealed record LayerProgress(int Index, int Count, string Digest, LayerProgressState State);
