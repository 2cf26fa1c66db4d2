using Drydock.Data.Scans;
using Drydock.Data.Sqlite;
using Drydock.Testing;

namespace Drydock.Data.Tests.Sqlite;

public sealed class SqliteScanStoreTests : IAsyncLifetime
{
    private const string Repository = "team/app";
    private const string DigestA = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string DigestB = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _directory = new("drydock-scan-store");
    private SqliteScanStore _store = null!;

    public async Task InitializeAsync()
    {
        var database = new SqliteDatabase(_directory.Combine("drydock.db"));
        await database.InitializeAsync(SqliteMigrationSet.Registry, TimeProvider.System, CancellationToken.None);
        _store = new SqliteScanStore(database);
    }

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task EnqueueAsync_SameManifestWhileQueued_ReturnsTheQueuedJob()
    {
        var first = await _store.EnqueueAsync(Repository, DigestA, "v1", Now, CancellationToken.None);
        var second = await _store.EnqueueAsync(Repository, DigestA, "latest", Now.AddSeconds(1), CancellationToken.None);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(ScanStatus.Queued, second.Status);
        Assert.Equal("v1", second.Reference);
    }

    [Fact]
    public async Task ClaimAsync_ManyWorkersAtOnce_EachJobClaimedOnce()
    {
        await _store.EnqueueAsync(Repository, DigestA, "a", Now, CancellationToken.None);
        await _store.EnqueueAsync(Repository, DigestB, "b", Now, CancellationToken.None);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => _store.ClaimAsync($"worker-{i}", Now, Now + Lease, 3, CancellationToken.None))));

        var claimed = claims.Where(c => c is not null).Select(c => c!).ToList();
        Assert.Equal(2, claimed.Count);
        Assert.Equal([DigestA, DigestB], claimed.Select(c => c.ManifestDigest).Order(StringComparer.Ordinal));
        Assert.All(claimed, c => Assert.Equal(ScanStatus.Scanning, c.Status));
        Assert.All(claimed, c => Assert.Equal(1, c.Attempts));
    }

    [Fact]
    public async Task ClaimAsync_LeaseExpired_ReclaimedByAnotherWorker()
    {
        var job = await _store.EnqueueAsync(Repository, DigestA, "a", Now, CancellationToken.None);
        Assert.NotNull(await _store.ClaimAsync("crashed", Now, Now + Lease, 3, CancellationToken.None));

        Assert.Null(await _store.ClaimAsync("other", Now + Lease - TimeSpan.FromSeconds(1), Now + (2 * Lease), 3, CancellationToken.None));
        var reclaimed = await _store.ClaimAsync("other", Now + Lease + TimeSpan.FromSeconds(1), Now + (2 * Lease), 3, CancellationToken.None);

        Assert.NotNull(reclaimed);
        Assert.Equal(job.Id, reclaimed.Id);
        Assert.Equal("other", reclaimed.LeaseOwner);
        Assert.Equal(2, reclaimed.Attempts);
        Assert.False(await _store.RenewLeaseAsync(job.Id, "crashed", Now + (3 * Lease), CancellationToken.None));
        Assert.True(await _store.RenewLeaseAsync(job.Id, "other", Now + (3 * Lease), CancellationToken.None));
    }

    [Fact]
    public async Task ClaimAsync_LeaseExpiredAfterMaxAttempts_FailsTheJob()
    {
        var job = await _store.EnqueueAsync(Repository, DigestA, "a", Now, CancellationToken.None);
        var time = Now;
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            Assert.NotNull(await _store.ClaimAsync($"w{attempt}", time, time + Lease, 2, CancellationToken.None));
            time += Lease + TimeSpan.FromSeconds(1);
        }

        Assert.Null(await _store.ClaimAsync("w3", time, time + Lease, 2, CancellationToken.None));
        var failed = await _store.GetJobAsync(job.Id, CancellationToken.None);
        Assert.Equal(ScanStatus.Failed, failed!.Status);
        Assert.Contains("2 times", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailAttemptAsync_WithRetry_NotClaimableBeforeRetryTime()
    {
        var job = await _store.EnqueueAsync(Repository, DigestA, "a", Now, CancellationToken.None);
        await _store.ClaimAsync("w", Now, Now + Lease, 3, CancellationToken.None);

        Assert.True(await _store.FailAttemptAsync(job.Id, "w", "boom", Now, Now.AddSeconds(10), CancellationToken.None));

        Assert.Equal(ScanStatus.Queued, (await _store.GetJobAsync(job.Id, CancellationToken.None))!.Status);
        Assert.Null(await _store.ClaimAsync("w", Now.AddSeconds(9), Now.AddSeconds(40), 3, CancellationToken.None));
        var retried = await _store.ClaimAsync("w", Now.AddSeconds(10), Now.AddSeconds(40), 3, CancellationToken.None);
        Assert.Equal(2, retried!.Attempts);
        Assert.Equal("boom", retried.Reason);
    }

    [Fact]
    public async Task FailAttemptAsync_WithoutRetry_Fails()
    {
        var job = await _store.EnqueueAsync(Repository, DigestA, "a", Now, CancellationToken.None);
        await _store.ClaimAsync("w", Now, Now + Lease, 3, CancellationToken.None);

        Assert.True(await _store.FailAttemptAsync(job.Id, "w", "gave up", Now, null, CancellationToken.None));

        var failed = await _store.GetJobAsync(job.Id, CancellationToken.None);
        Assert.Equal(ScanStatus.Failed, failed!.Status);
        Assert.Equal("gave up", failed.Reason);
        Assert.NotNull(failed.FinishedAt);
    }

    [Fact]
    public async Task StopAsync_RunningJob_OwnerLosesLeaseAndCannotComplete()
    {
        var job = await _store.EnqueueAsync(Repository, DigestA, "a", Now, CancellationToken.None);
        await _store.ClaimAsync("w", Now, Now + Lease, 3, CancellationToken.None);

        Assert.True(await _store.StopAsync(job.Id, "Stopped by request.", Now, CancellationToken.None));

        Assert.False(await _store.RenewLeaseAsync(job.Id, "w", Now + Lease, CancellationToken.None));
        Assert.False(await _store.CompleteAsync(job.Id, "w", Result(DigestA, ScanStatus.Success), CancellationToken.None));
        Assert.Null(await _store.GetResultAsync(Repository, DigestA, CancellationToken.None));
        Assert.False(await _store.StopAsync(job.Id, "again", Now, CancellationToken.None));
        var stopped = await _store.GetJobAsync(job.Id, CancellationToken.None);
        Assert.Equal(ScanStatus.Failed, stopped!.Status);
        Assert.Equal("Stopped by request.", stopped.Reason);
    }

    [Fact]
    public async Task StopAsync_QueuedJob_NeverClaimed()
    {
        var job = await _store.EnqueueAsync(Repository, DigestA, "a", Now, CancellationToken.None);

        Assert.True(await _store.StopAsync(job.Id, "Stopped by request.", Now, CancellationToken.None));

        Assert.Null(await _store.ClaimAsync("w", Now, Now + Lease, 3, CancellationToken.None));
    }

    [Fact]
    public async Task CompleteAsync_Owner_StoresResultAndReplacesEarlierOne()
    {
        for (var round = 0; round < 2; round++)
        {
            var job = await _store.EnqueueAsync(Repository, DigestA, "a", Now, CancellationToken.None);
            await _store.ClaimAsync("w", Now, Now + Lease, 3, CancellationToken.None);
            Assert.True(await _store.CompleteAsync(job.Id, "w", Result(DigestA, ScanStatus.Success) with { SummaryJson = $"{{\"round\":{round}}}" }, CancellationToken.None));
            Assert.Equal(ScanStatus.Success, (await _store.GetJobAsync(job.Id, CancellationToken.None))!.Status);
        }

        var result = await _store.GetResultAsync(Repository, DigestA, CancellationToken.None);
        Assert.Equal("{\"round\":1}", result!.SummaryJson);
        Assert.Equal("[]", result.InventoryJson);
        Assert.Equal(Now, result.ScannedAt);
    }

    private static ScanResultRecord Result(string digest, ScanStatus status) => new(Repository, digest, status, null, "{}", "[]", Now);
}
