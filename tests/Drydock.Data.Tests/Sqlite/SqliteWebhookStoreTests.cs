using Dapper;
using Drydock.Data.Sqlite;
using Drydock.Data.Webhooks;
using Drydock.Testing;

namespace Drydock.Data.Tests.Sqlite;

public sealed class SqliteWebhookStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _directory = new("drydock-webhook-store");
    private SqliteWebhookStore _store = null!;

    public async Task InitializeAsync()
    {
        var database = new SqliteDatabase(_directory.Combine("drydock.db"));
        await database.InitializeAsync(SqliteMigrationSet.Registry, TimeProvider.System, CancellationToken.None);
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("INSERT INTO namespaces (name, created_at) VALUES ('team', '2026-01-01T00:00:00Z'), ('other', '2026-01-01T00:00:00Z')");
        }

        _store = new SqliteWebhookStore(database);
    }

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task EnqueueAsync_TwoWebhooksOneSubscribed_OneDeliveryForTheSubscribedOne()
    {
        var failures = await _store.CreateAsync("team", "http://a/", "s1", ["scan.failed"], Now, CancellationToken.None);
        var all = await _store.CreateAsync("team", "http://b/", "s2", ["scan.completed", "scan.failed"], Now, CancellationToken.None);
        await _store.CreateAsync("other", "http://c/", "s3", ["scan.completed"], Now, CancellationToken.None);

        var queued = await _store.EnqueueAsync("team", "scan.completed", "{}", Now, CancellationToken.None);

        Assert.Equal(1, queued);
        Assert.Empty(await _store.ListDeliveriesAsync(failures.Id, 10, CancellationToken.None));
        var delivery = Assert.Single(await _store.ListDeliveriesAsync(all.Id, 10, CancellationToken.None));
        Assert.Equal(WebhookDeliveryStatus.Pending, delivery.Status);
    }

    [Fact]
    public async Task ClaimDueAsync_ManyDispatchersAtOnce_EachDeliveryClaimedOnce()
    {
        var hook = await _store.CreateAsync("team", "http://a/", "secret", ["scan.completed"], Now, CancellationToken.None);
        for (var i = 0; i < 5; i++)
        {
            await _store.EnqueueAsync("team", "scan.completed", $"{{\"n\":{i}}}", Now, CancellationToken.None);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => _store.ClaimDueAsync($"d{i}", Now, Now + Lease, 2, CancellationToken.None))));

        var claimed = claims.SelectMany(c => c).ToList();
        Assert.Equal(5, claimed.Count);
        Assert.Equal(5, claimed.Select(c => c.Id).Distinct().Count());
        Assert.All(claimed, c => Assert.Equal(("http://a/", "secret", hook.Id), (c.Url, c.Secret, c.WebhookId)));
    }

    [Fact]
    public async Task RecordAttemptAsync_FailedThenRetried_DueOnlyAfterBackoffThenDelivered()
    {
        var hook = await _store.CreateAsync("team", "http://a/", "secret", ["scan.completed"], Now, CancellationToken.None);
        await _store.EnqueueAsync("team", "scan.completed", "{}", Now, CancellationToken.None);
        var first = Assert.Single(await _store.ClaimDueAsync("d", Now, Now + Lease, 10, CancellationToken.None));

        Assert.True(await _store.RecordAttemptAsync(first.Id, "d", 500, "HTTP 500", WebhookDeliveryStatus.Pending, Now, Now.AddSeconds(10), CancellationToken.None));
        Assert.Empty(await _store.ClaimDueAsync("d", Now.AddSeconds(5), Now.AddSeconds(35), 10, CancellationToken.None));
        var second = Assert.Single(await _store.ClaimDueAsync("d", Now.AddSeconds(10), Now.AddSeconds(40), 10, CancellationToken.None));
        Assert.Equal(1, second.Attempts);
        Assert.False(await _store.RecordAttemptAsync(second.Id, "someone-else", 200, null, WebhookDeliveryStatus.Delivered, Now.AddSeconds(11), null, CancellationToken.None));
        Assert.True(await _store.RecordAttemptAsync(second.Id, "d", 200, null, WebhookDeliveryStatus.Delivered, Now.AddSeconds(11), null, CancellationToken.None));

        var logged = Assert.Single(await _store.ListDeliveriesAsync(hook.Id, 10, CancellationToken.None));
        Assert.Equal((WebhookDeliveryStatus.Delivered, 2, 200, "HTTP 500"), (logged.Status, logged.Attempts, logged.StatusCode, logged.LastError));
        Assert.Equal(Now.AddSeconds(11), logged.DeliveredAt);
        Assert.Empty(await _store.ClaimDueAsync("d", Now.AddHours(1), Now.AddHours(2), 10, CancellationToken.None));
    }

    [Fact]
    public async Task ClaimDueAsync_LeaseExpired_ClaimedAgain()
    {
        await _store.CreateAsync("team", "http://a/", "secret", ["scan.completed"], Now, CancellationToken.None);
        await _store.EnqueueAsync("team", "scan.completed", "{}", Now, CancellationToken.None);
        Assert.Single(await _store.ClaimDueAsync("crashed", Now, Now + Lease, 10, CancellationToken.None));

        Assert.Empty(await _store.ClaimDueAsync("d", Now.AddSeconds(10), Now.AddSeconds(40), 10, CancellationToken.None));
        Assert.Single(await _store.ClaimDueAsync("d", Now.AddSeconds(31), Now.AddSeconds(61), 10, CancellationToken.None));
    }

    [Fact]
    public async Task DeleteAsync_WebhookWithDeliveries_LogGoesWithIt()
    {
        var hook = await _store.CreateAsync("team", "http://a/", "secret", ["scan.completed"], Now, CancellationToken.None);
        await _store.EnqueueAsync("team", "scan.completed", "{}", Now, CancellationToken.None);

        Assert.False(await _store.DeleteAsync("other", hook.Id, CancellationToken.None));
        Assert.True(await _store.DeleteAsync("team", hook.Id, CancellationToken.None));

        Assert.Empty(await _store.ListDeliveriesAsync(hook.Id, 10, CancellationToken.None));
        Assert.Empty(await _store.ClaimDueAsync("d", Now, Now + Lease, 10, CancellationToken.None));
    }
}
