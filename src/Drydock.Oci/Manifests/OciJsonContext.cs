using System.Text.Json.Serialization;

namespace Drydock.Oci.Manifests;

/// <summary>Source-generated JSON metadata for the manifest models, so that resolving an image does
/// not pay for reflection-based serializer start-up.</summary>
[JsonSerializable(typeof(ImageIndex))]
[JsonSerializable(typeof(ImageManifest))]
internal sealed partial class OciJsonContext : JsonSerializerContext;
