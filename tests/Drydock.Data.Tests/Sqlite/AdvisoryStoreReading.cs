using Drydock.Data.Sqlite;
using Drydock.Scanning.Advisories;

namespace Drydock.Data.Tests.Sqlite;

internal static class AdvisoryStoreReading
{
    /// <summary>Every statement the match index would be built from.</summary>
    public static async Task<List<StoredAffected>> ReadAllAsync(SqliteAdvisoryStore store)
    {
        var list = new List<StoredAffected>();
        await foreach (var row in store.ReadAffectedAsync(CancellationToken.None))
        {
            list.Add(row);
        }

        return list;
    }
}
