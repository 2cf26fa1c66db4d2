using System.Text.Json;

namespace Drydock.Oci.Json;

/// <summary>
/// Parses JSON that came from outside as the strictest reader in the project would: a duplicate member name, a string
/// that is not valid UTF-8 and an escape that is an unpaired surrogate are refused here, as a <see cref="JsonException"/>
/// that names where, instead of surfacing later as an <see cref="InvalidOperationException"/> from whoever reads the string.
/// </summary>
public static class StrictJson
{
    /// <summary>The document options: duplicate member names refused; depth as System.Text.Json's default.</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    /// <summary>Parses and validates <paramref name="utf8Json"/>; the caller disposes the document.</summary>
    /// <exception cref="JsonException">The text is not strict JSON; the message says what and where.</exception>
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8Json)
    {
        var document = JsonDocument.Parse(utf8Json, DocumentOptions);
        return Validated(document);
    }

    /// <summary>Parses and validates a stream (already bounded by the caller); the caller disposes the document.</summary>
    /// <exception cref="JsonException">The text is not strict JSON; the message says what and where.</exception>
    public static async Task<JsonDocument> ParseAsync(Stream utf8Json, CancellationToken cancellationToken)
    {
        var document = await JsonDocument.ParseAsync(utf8Json, DocumentOptions, cancellationToken);
        return Validated(document);
    }

    /// <summary>Checks that every member name and string value of <paramref name="element"/> can be read as text.</summary>
    /// <exception cref="JsonException">One cannot; the message gives its JSON path.</exception>
    public static void Validate(JsonElement element)
    {
        if (FindUnreadable(element) is { } path)
        {
            throw new JsonException($"The text at ${path} is not valid UTF-8 or holds an unpaired surrogate escape.", $"${path}", null, null);
        }
    }

    private static JsonDocument Validated(JsonDocument document)
    {
        try
        {
            Validate(document.RootElement);
            return document;
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    // The path is built only on the way out of a failure, so a valid 4 MiB manifest costs no path strings.
    private static string? FindUnreadable(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return " (a member name)";
                    }

                    if (FindUnreadable(property.Value) is { } inner)
                    {
                        return $".{name}{inner}";
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindUnreadable(item) is { } inner)
                    {
                        return $"[{index}]{inner}";
                    }

                    index++;
                }

                return null;
            case JsonValueKind.String:
                try
                {
                    _ = element.GetString();
                    return null;
                }
                catch (InvalidOperationException)
                {
                    return string.Empty;
                }

            default:
                return null;
        }
    }
}
