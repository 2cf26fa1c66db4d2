using System.Text.Json.Serialization;

namespace Drydock.Scanning.Indexing;

/// <summary>Source-generated JSON metadata for cached layer results: a cache hit must not pay for
/// reflection-based serializer start-up (the cached run has a 100 ms budget).</summary>
[JsonSerializable(typeof(LayerResult))]
internal sealed partial class IndexingJsonContext : JsonSerializerContext;
