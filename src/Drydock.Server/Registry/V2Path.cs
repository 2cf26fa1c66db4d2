using System.Diagnostics.CodeAnalysis;

namespace Drydock.Server.Registry;

/// <summary>
/// A parsed <c>/v2/…</c> path. Repository names contain slashes, which ASP.NET route templates cannot place
/// before a fixed suffix, so the path is read from its end:
/// <code>
/// /v2/                                   Base
/// /v2/_catalog                           Catalog
/// /v2/&lt;name&gt;/blobs/&lt;digest&gt;             Blob
/// /v2/&lt;name&gt;/blobs/uploads/              UploadStart
/// /v2/&lt;name&gt;/blobs/uploads/&lt;id&gt;         Upload
/// /v2/&lt;name&gt;/manifests/&lt;reference&gt;     Manifest
/// /v2/&lt;name&gt;/tags/list                   Tags
/// /v2/&lt;name&gt;/referrers/&lt;digest&gt;        Referrers
/// </code>
/// </summary>
internal sealed record V2Path(V2Resource Resource, string Name, string Argument)
{
    public static bool TryParse(string path, [NotNullWhen(true)] out V2Path? parsed)
    {
        parsed = null;
        if (!path.StartsWith("/v2", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = path[3..].TrimStart('/');
        if (rest.Length == 0)
        {
            parsed = new V2Path(V2Resource.Base, string.Empty, string.Empty);
            return true;
        }

        if (rest is "_catalog" or "_catalog/")
        {
            parsed = new V2Path(V2Resource.Catalog, string.Empty, string.Empty);
            return true;
        }

        if (rest.EndsWith("/blobs/uploads/", StringComparison.Ordinal) || rest.EndsWith("/blobs/uploads", StringComparison.Ordinal))
        {
            var suffix = rest.EndsWith('/') ? "/blobs/uploads/".Length : "/blobs/uploads".Length;
            parsed = new V2Path(V2Resource.UploadStart, rest[..^suffix], string.Empty);
            return true;
        }

        if (rest.EndsWith("/tags/list", StringComparison.Ordinal))
        {
            parsed = new V2Path(V2Resource.Tags, rest[..^"/tags/list".Length], string.Empty);
            return true;
        }

        var segments = rest.Split('/');
        if (segments.Length >= 4 && segments[^3] == "blobs" && segments[^2] == "uploads")
        {
            parsed = new V2Path(V2Resource.Upload, string.Join('/', segments[..^3]), segments[^1]);
            return true;
        }

        if (segments.Length >= 3)
        {
            var resource = segments[^2] switch
            {
                "blobs" => V2Resource.Blob,
                "manifests" => V2Resource.Manifest,
                "referrers" => V2Resource.Referrers,
                _ => (V2Resource?)null,
            };
            if (resource is { } r)
            {
                parsed = new V2Path(r, string.Join('/', segments[..^2]), segments[^1]);
                return true;
            }
        }

        return false;
    }
}
