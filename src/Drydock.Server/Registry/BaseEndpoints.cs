
namespace Drydock.Server.Registry;

/// <summary><c>GET /v2/</c>: the API version check every client starts with.</summary>
internal static class BaseEndpoints
{
    public static Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            return RegistryEndpoints.UnsupportedAsync(context);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = 2;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync("{}", context.RequestAborted);
    }
}
