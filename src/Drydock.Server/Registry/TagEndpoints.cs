using Drydock.Registry.Catalog;
using Drydock.Registry.Names;

namespace Drydock.Server.Registry;

/// <summary><c>GET /v2/&lt;name&gt;/tags/list?n=&amp;last=</c>: tags in lexical order with a <c>Link</c> to the next page.</summary>
internal static class TagEndpoints
{
    public static async Task HandleAsync(HttpContext context, RepositoryName name)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await RegistryEndpoints.UnsupportedAsync(context);
            return;
        }

        var catalog = context.RequestServices.GetRequiredService<CatalogService>();
        var n = RegistryEndpoints.PageSize(context);
        var page = await catalog.ListTagsAsync(name, n, context.Request.Query["last"], context.RequestAborted);
        if (!page.Succeeded)
        {
            await OciErrorResult.WriteAsync(context, page.Error);
            return;
        }

        if (page.Value.HasMore && page.Value.Items.Count > 0)
        {
            context.Response.Headers.Link = $"</v2/{name}/tags/list?n={n}&last={Uri.EscapeDataString(page.Value.Items[^1])}>; rel=\"next\"";
        }

        await JsonListWriter.WriteAsync(context, writer =>
        {
            writer.WriteString("name", name.Value);
            writer.WriteStartArray("tags");
            foreach (var tag in page.Value.Items)
            {
                writer.WriteStringValue(tag);
            }

            writer.WriteEndArray();
        });
    }
}
