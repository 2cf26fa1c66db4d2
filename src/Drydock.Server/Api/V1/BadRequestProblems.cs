using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Drydock.Server.Api.V1;

/// <summary>
/// Turns a request the framework could not read (a body over the limit, JSON that does not bind, a missing body, a
/// wrong content type) into ProblemDetails whose detail says what is wrong; without it the answer was a bare
/// "Bad Request" or, for a body cut off by the size limit, an empty 413. Parameter binding throws for this
/// (<see cref="RouteHandlerOptions.ThrowOnBadRequest"/>) so every endpoint gets the same words.
/// </summary>
internal static class BadRequestProblems
{
    public static IApplicationBuilder UseBadRequestProblems(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        string? detail;
        try
        {
            await next(context);

            // Binding answers 413 (body over the limit) and 415 (not JSON) itself, without a word; say it.
            detail = context.Response is { HasStarted: false, ContentLength: null } response && string.IsNullOrEmpty(response.ContentType)
                ? SilentRefusal(context)
                : null;
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = e.StatusCode;
            detail = Detail(e);
        }

        // Registry clients read OCI errors, not ProblemDetails; the status code is what they act on.
        if (detail is not null && !context.Request.Path.StartsWithSegments("/v2", StringComparison.Ordinal))
        {
            var status = context.Response.StatusCode;
            await TypedResults.Problem(detail, statusCode: status, title: Title(status)).ExecuteAsync(context);
        }
    });

    private static string? SilentRefusal(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge =>
            $"Request body too large. The max request body size is {context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize} bytes.",
        StatusCodes.Status415UnsupportedMediaType =>
            $"Content-Type '{context.Request.ContentType ?? "(none)"}' is not accepted here; send the body as application/json.",
        _ => null,
    };

    /// <summary>The exception's own sentence, with the JSON reader's (which names the path, line and byte) when there is one.</summary>
    internal static string Detail(BadHttpRequestException exception) => exception.InnerException switch
    {
        JsonException json => $"{exception.Message} {json.Message}",
        BadHttpRequestException inner => $"{exception.Message} {inner.Message}",
        _ => exception.Message,
    };

    private static string Title(int statusCode) => statusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => "Request body too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
        _ => "Invalid request",
    };

    /// <summary>Sets the body limit of this request (null: none), where the server still allows changing it.</summary>
    public static void SetBodyLimit(HttpContext context, long? bytes)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = bytes;
        }
    }
}
