using System.Text.Json;

namespace Drydock.Server.Registry;

/// <summary>Writes a small JSON object answer (tag list, catalog) with its length.</summary>
internal static class JsonListWriter
{
    public static async Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> writeProperties)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = buffer.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
        }
    }
}
