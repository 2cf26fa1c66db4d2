using System.Text;

namespace Drydock.Scanning.Abstractions.Model;

/// <summary>
/// Builds package URLs as the purl specification writes them:
/// <c>pkg:type/namespace/name@version?qualifiers</c>, with percent-encoding of each component and
/// qualifiers sorted by key.
/// </summary>
public static class PackageUrl
{
    /// <summary>Builds a purl. <paramref name="name"/> and <paramref name="ns"/> are encoded here;
    /// empty qualifier values are left out.</summary>
    public static string Create(
        string type,
        string? ns,
        string name,
        string? version,
        IEnumerable<KeyValuePair<string, string?>>? qualifiers = null,
        string? subpath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var builder = new StringBuilder("pkg:").Append(type.ToLowerInvariant()).Append('/');
        if (!string.IsNullOrEmpty(ns))
        {
            foreach (var segment in ns.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                builder.Append(Encode(segment)).Append('/');
            }
        }

        builder.Append(Encode(name));
        if (!string.IsNullOrEmpty(version))
        {
            builder.Append('@').Append(Encode(version));
        }

        if (qualifiers is not null)
        {
            var first = true;
            foreach (var (key, value) in qualifiers
                         .Where(q => !string.IsNullOrEmpty(q.Value))
                         .OrderBy(q => q.Key.ToLowerInvariant(), StringComparer.Ordinal))
            {
                builder.Append(first ? '?' : '&').Append(key.ToLowerInvariant()).Append('=').Append(Encode(value!));
                first = false;
            }
        }

        if (!string.IsNullOrEmpty(subpath))
        {
            builder.Append('#').Append(string.Join('/', subpath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Encode)));
        }

        return builder.ToString();
    }

    /// <summary>Percent-encodes a purl component: unreserved characters stay, everything else is
    /// UTF-8 percent-encoded (':' is kept, as the specification allows it unencoded).</summary>
    public static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '~' or ':')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2"));
            }
        }

        return builder.ToString();
    }
}
