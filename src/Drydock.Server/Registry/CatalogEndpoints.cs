using Drydock.Registry.Catalog;

namespace Drydock.Server.Registry;

/// <summary><c>GET /v2/_catalog?n=&amp;last=</c>: repositories in lexical order with a <c>Link</c> to the next page.</summary>
internal static class CatalogEndpoints
{
    public static async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await RegistryEndpoints.UnsupportedAsync(context);
            return;
        }

        var catalog = context.RequestServices.GetRequiredService<CatalogService>();
        var n = RegistryEndpoints.PageSize(context);
        var page = await catalog.ListRepositoriesAsync(n, context.Request.Query["last"], context.RequestAborted);
        if (page.HasMore && page.Items.Count > 0)
        {
            context.Response.Headers.Link = $"</v2/_catalog?n={n}&last={Uri.EscapeDataString(page.Items[^1])}>; rel=\"next\"";
        }

        await JsonListWriter.WriteAsync(context, writer =>
        {
            writer.WriteStartArray("repositories");
            foreach (var repository in page.Items)
            {
                writer.WriteStringValue(repository);
            }

            writer.WriteEndArray();
        });
    }
}
