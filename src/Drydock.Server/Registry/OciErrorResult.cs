using System.Text.Json;
using Drydock.Registry.Errors;

namespace Drydock.Server.Registry;

/// <summary>
/// The one place OCI errors become HTTP: the catalogue's status and the spec's body
/// <c>{"errors":[{"code":…,"message":…,"detail":…}]}</c>.
/// </summary>
internal static class OciErrorResult
{
    public static async Task WriteAsync(HttpContext context, OciError error)
    {
        var response = context.Response;
        response.StatusCode = error.Code.HttpStatus;
        response.ContentType = "application/json; charset=utf-8";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            // A HEAD answer has no body; the status says it all.
            return;
        }

        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("errors");
            writer.WriteStartObject();
            writer.WriteString("code", error.Code.Code);
            writer.WriteString("message", error.Message);
            if (error.Detail is null)
            {
                writer.WriteNull("detail");
            }
            else
            {
                writer.WriteString("detail", error.Detail);
            }

            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }
}
