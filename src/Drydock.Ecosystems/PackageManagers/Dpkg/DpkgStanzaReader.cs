using System.Runtime.CompilerServices;

namespace Drydock.Ecosystems.PackageManagers.Dpkg;

/// <summary>
/// Reads deb822 stanzas (deb-control(5) syntax: <c>Field: value</c>, continuation lines starting with
/// a space or tab, stanzas separated by blank lines). Only the first line of each field is kept; the
/// fields the detector needs are single-line.
/// </summary>
internal static class DpkgStanzaReader
{
    public static async IAsyncEnumerable<Dictionary<string, string>> ReadAsync(TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stanza = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0 || line.AsSpan().IsWhiteSpace())
            {
                if (stanza.Count > 0)
                {
                    yield return stanza;
                    stanza = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                }

                continue;
            }

            if (line[0] is ' ' or '\t' or '#')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                stanza[line[..colon]] = line[(colon + 1)..].Trim();
            }
        }

        if (stanza.Count > 0)
        {
            yield return stanza;
        }
    }
}
