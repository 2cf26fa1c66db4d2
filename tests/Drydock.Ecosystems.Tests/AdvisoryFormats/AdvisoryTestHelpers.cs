using System.Text;
using Drydock.Scanning.Abstractions.Advisories;

namespace Drydock.Ecosystems.Tests.AdvisoryFormats;

internal static class AdvisoryTestHelpers
{
    public static async Task<List<Advisory>> ToListAsync(IAsyncEnumerable<Advisory> advisories)
    {
        var list = new List<Advisory>();
        await foreach (var advisory in advisories)
        {
            list.Add(advisory);
        }

        return list;
    }

    public static async Task<List<Advisory>> ParseFileAsync(IAdvisorySource source, string path)
    {
        await using var stream = File.OpenRead(path);
        return await ToListAsync(source.ParseAsync(stream, CancellationToken.None));
    }

    public static async Task<List<Advisory>> ParseTextAsync(IAdvisorySource source, string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return await ToListAsync(source.ParseAsync(stream, CancellationToken.None));
    }
}
