using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Drydock.Oci.Json;

namespace Drydock.Server.Api.V1;

/// <summary>
/// Binds a <see cref="JsonElement"/> body or member only when every string in it can be read: the framework's own
/// converter keeps duplicate members, invalid UTF-8 and unpaired surrogate escapes, and the endpoint reading them later failed with 500.
/// </summary>
internal sealed class StrictJsonElementConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // Parsed again from its own bytes so the strict options (no duplicate members) apply; bodies are small.
        using var document = JsonDocument.ParseValue(ref reader);
        using var strict = StrictJson.Parse(JsonMarshal.GetRawUtf8Value(document.RootElement).ToArray());
        return strict.RootElement.Clone();
    }

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        value.WriteTo(writer);
    }
}
