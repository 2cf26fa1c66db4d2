using System.IO.Pipelines;
using Drydock.Oci;
using Drydock.Registry.Errors;
using Drydock.Registry.GarbageCollection;
using Drydock.Registry.Names;
using Drydock.Registry.Namespaces;
using Drydock.Registry.Storage;
using Microsoft.Extensions.Logging;

namespace Drydock.Registry.Uploads;

/// <summary>
/// Blob uploads as the distribution spec describes them: POST to start (or monolithic with a digest, or a
/// cross-repository mount), PATCH chunks in order, PUT with the digest to finish, GET for status, DELETE to cancel.
/// </summary>
public sealed class UploadService(
    IRegistryStore store,
    IBlobStore blobs,
    NamespaceService namespaces,
    RegistryOptions options,
    TimeProvider timeProvider,
    ILogger<UploadService> logger,
    BlobLocks? locks = null)
{
    private readonly BlobLocks _locks = locks ?? new BlobLocks();

    /// <summary>Starts an upload session in the repository.</summary>
    public async Task<RegistryResult<UploadStatus>> StartAsync(RepositoryName repository, CancellationToken cancellationToken)
    {
        var ensured = await namespaces.EnsureRepositoryForPushAsync(repository, cancellationToken);
        if (!ensured.Succeeded)
        {
            return ensured.Error;
        }

        var id = Guid.NewGuid().ToString("D");
        await blobs.CreateUploadAsync(id, cancellationToken);
        await store.CreateUploadAsync(new UploadSession(id, repository.Value, timeProvider.GetUtcNow()), cancellationToken);
        return new UploadStatus(id, repository.Value, 0);
    }

    /// <summary>The upload's status, or BLOB_UPLOAD_UNKNOWN.</summary>
    public async Task<RegistryResult<UploadStatus>> GetStatusAsync(RepositoryName repository, string uploadId, CancellationToken cancellationToken)
    {
        var session = await store.GetUploadAsync(uploadId, cancellationToken);
        if (session is null || session.Repository != repository.Value)
        {
            return OciErrorCode.BlobUploadUnknown.With(uploadId);
        }

        var staged = await blobs.GetUploadAsync(uploadId, cancellationToken);
        if (staged is null)
        {
            return OciErrorCode.BlobUploadUnknown.With(uploadId);
        }

        return new UploadStatus(uploadId, repository.Value, staged.Length);
    }

    /// <summary>
    /// Appends a chunk. With a <paramref name="contentRange"/>, the chunk must start where the upload ends
    /// (RANGE_INVALID otherwise, answered 416).
    /// </summary>
    public async Task<RegistryResult<UploadStatus>> AppendAsync(
        RepositoryName repository, string uploadId, string? contentRange, long? contentLength, PipeReader content, CancellationToken cancellationToken)
    {
        var status = await GetStatusAsync(repository, uploadId, cancellationToken);
        if (!status.Succeeded)
        {
            return status;
        }

        if (contentRange is not null)
        {
            if (!ContentRange.TryParse(contentRange, out var range))
            {
                return OciErrorCode.RangeInvalid.WithMessage($"invalid content range '{contentRange}'", contentRange);
            }

            if (range.Start != status.Value.Length)
            {
                return OciErrorCode.RangeInvalid.WithMessage(
                    $"chunk starts at {range.Start} but the upload holds {status.Value.Length} bytes; chunks must be sent in order",
                    contentRange);
            }

            if (contentLength is { } length && length != range.Length)
            {
                return OciErrorCode.RangeInvalid.WithMessage(
                    $"Content-Range {contentRange} covers {range.Length} bytes but Content-Length is {length}", contentRange);
            }
        }

        var sizeRemaining = options.MaxUploadBytes - status.Value.Length;
        var quota = await QuotaAsync(repository, cancellationToken);
        var quotaRemaining = quota is { } q ? q.Quota - q.Used - status.Value.Length : long.MaxValue;
        var remaining = Math.Min(sizeRemaining, quotaRemaining);
        if (contentLength > remaining)
        {
            return await RefuseAsync(uploadId, repository, contentLength.Value > sizeRemaining, quota, cancellationToken);
        }

        long newLength;
        try
        {
            newLength = await blobs.AppendUploadAsync(uploadId, new LimitedPipeReader(content, Math.Max(remaining, 0)), cancellationToken);
        }
        catch (UploadLimitExceededException)
        {
            return await RefuseAsync(uploadId, repository, sizeRemaining <= quotaRemaining, quota, cancellationToken);
        }

        if (contentLength is { } expected && newLength - status.Value.Length != expected)
        {
            return OciErrorCode.SizeInvalid.With($"received {newLength - status.Value.Length} bytes, Content-Length was {expected}");
        }

        return status.Value with { Length = newLength };
    }

    /// <summary>The namespace's storage quota and what it holds now, when it has a quota.</summary>
    private async Task<(long Quota, long Used)?> QuotaAsync(RepositoryName repository, CancellationToken cancellationToken)
    {
        if (await store.GetNamespaceAsync(repository.Namespace, cancellationToken) is not { } found || NamespaceQuota.Read(found.SettingsJson) is not { } quota)
        {
            return null;
        }

        return (quota, await store.GetNamespaceStorageBytesAsync(repository.Namespace, cancellationToken));
    }

    /// <summary>Discards an upload that went past <see cref="RegistryOptions.MaxUploadBytes"/> (SIZE_INVALID) or its
    /// namespace's storage quota (DENIED): its bytes would only fill the disk until the session expired.</summary>
    private async Task<OciError> RefuseAsync(
        string uploadId, RepositoryName repository, bool tooLarge, (long Quota, long Used)? quota, CancellationToken cancellationToken)
    {
        await blobs.DeleteUploadAsync(uploadId, cancellationToken);
        await store.DeleteUploadAsync(uploadId, cancellationToken);
        if (tooLarge || quota is not { } q)
        {
            logger.UploadRemoved(uploadId, "it went past the upload size limit");
            return OciErrorCode.SizeInvalid.WithMessage(
                $"the blob is larger than {options.MaxUploadBytes} bytes, the most one upload may hold on this registry; the upload was discarded",
                uploadId);
        }

        logger.UploadRemoved(uploadId, "it went past the namespace's storage quota");
        return OciErrorCode.Denied.WithMessage(
            $"storage quota exceeded: namespace '{repository.Namespace}' holds {q.Used} of its {q.Quota} bytes ({NamespaceQuota.SettingName}) " +
            "and this blob does not fit; the upload was discarded",
            repository.Namespace);
    }

    /// <summary>Finishes an upload: appends the final chunk when there is one, verifies the digest and makes the blob visible.</summary>
    public async Task<RegistryResult<BlobInfo>> CompleteAsync(
        RepositoryName repository, string uploadId, string? digestText, string? contentRange, long? contentLength, PipeReader content, CancellationToken cancellationToken)
    {
        var status = await GetStatusAsync(repository, uploadId, cancellationToken);
        if (!status.Succeeded)
        {
            return status.Error;
        }

        if (!Digest.TryParse(digestText, out var digest))
        {
            return OciErrorCode.DigestInvalid.WithMessage(
                digestText is null ? "the digest query parameter is required to finish an upload" : $"'{digestText}' is not a sha256 or sha512 digest",
                digestText);
        }

        // A final chunk may come with the PUT; a body of unknown length (chunked encoding) counts as one.
        if (contentRange is not null || contentLength is not 0)
        {
            var appended = await AppendAsync(repository, uploadId, contentRange, contentLength, content, cancellationToken);
            if (!appended.Succeeded)
            {
                return appended.Error;
            }
        }

        // Commit and link under the digest's lock: a garbage collection removing this very blob finishes first, or waits.
        using var held = await _locks.AcquireAsync(digest, cancellationToken);
        var commit = await blobs.CommitUploadAsync(uploadId, digest, cancellationToken);
        switch (commit.Status)
        {
            case BlobCommitStatus.UploadUnknown:
                await store.DeleteUploadAsync(uploadId, cancellationToken);
                return OciErrorCode.BlobUploadUnknown.With(uploadId);
            case BlobCommitStatus.DigestMismatch:
                await store.DeleteUploadAsync(uploadId, cancellationToken);
                return OciErrorCode.DigestInvalid.With($"expected {digest}, content hashes to {commit.ActualDigest}");
            default:
                var blob = commit.Blob!;
                await store.LinkBlobAsync(repository.Value, blob.Digest, blob.Size, timeProvider.GetUtcNow(), cancellationToken);
                await store.DeleteUploadAsync(uploadId, cancellationToken);
                return blob;
        }
    }

    /// <summary>A monolithic upload: the whole blob in one POST with its digest.</summary>
    public async Task<RegistryResult<BlobInfo>> UploadMonolithicAsync(
        RepositoryName repository, string? digestText, long? contentLength, PipeReader content, CancellationToken cancellationToken)
    {
        if (!Digest.TryParse(digestText, out _))
        {
            return OciErrorCode.DigestInvalid.WithMessage($"'{digestText}' is not a sha256 or sha512 digest", digestText);
        }

        var started = await StartAsync(repository, cancellationToken);
        if (!started.Succeeded)
        {
            return started.Error;
        }

        RegistryResult<UploadStatus> appended;
        try
        {
            appended = await AppendAsync(repository, started.Value.Id, null, contentLength, content, cancellationToken);
        }
        catch (Exception)
        {
            // The client went away mid-body (or the disk failed): nobody can resume a monolithic upload, so its bytes
            // go now rather than at the session's expiry.
            await CancelAsync(repository, started.Value.Id, CancellationToken.None);
            throw;
        }

        if (!appended.Succeeded)
        {
            await CancelAsync(repository, started.Value.Id, cancellationToken);
            return appended.Error;
        }

        return await CompleteAsync(repository, started.Value.Id, digestText, null, 0, PipeReader.Create(Stream.Null), cancellationToken);
    }

    /// <summary>
    /// Mounts a blob another repository has; when the source does not have it (or none is named), starts an
    /// upload session instead, as the spec prescribes.
    /// </summary>
    public async Task<RegistryResult<MountOutcome>> MountAsync(
        RepositoryName repository, string? digestText, string? from, CancellationToken cancellationToken)
    {
        if (!Digest.TryParse(digestText, out var digest))
        {
            return OciErrorCode.DigestInvalid.WithMessage($"'{digestText}' is not a sha256 or sha512 digest", digestText);
        }

        using var held = await _locks.AcquireAsync(digest, cancellationToken);
        if (RepositoryName.TryParse(from, out var source)
            && await store.GetLinkedBlobSizeAsync(source.Value, digest, cancellationToken) is { } size
            && await blobs.StatAsync(digest, cancellationToken) is not null)
        {
            var ensured = await namespaces.EnsureRepositoryForPushAsync(repository, cancellationToken);
            if (!ensured.Succeeded)
            {
                return ensured.Error;
            }

            await store.LinkBlobAsync(repository.Value, digest, size, timeProvider.GetUtcNow(), cancellationToken);
            return new MountOutcome(true, null);
        }

        var started = await StartAsync(repository, cancellationToken);
        return started.Succeeded ? new MountOutcome(false, started.Value) : started.Error;
    }

    /// <summary>Cancels an upload and discards its bytes.</summary>
    public async Task<RegistryResult<UploadStatus>> CancelAsync(RepositoryName repository, string uploadId, CancellationToken cancellationToken)
    {
        var session = await store.GetUploadAsync(uploadId, cancellationToken);
        if (session is null || session.Repository != repository.Value)
        {
            return OciErrorCode.BlobUploadUnknown.With(uploadId);
        }

        await blobs.DeleteUploadAsync(uploadId, cancellationToken);
        await store.DeleteUploadAsync(uploadId, cancellationToken);
        return new UploadStatus(uploadId, repository.Value, 0);
    }

    /// <summary>
    /// Removes staged bytes no session owns (left by a crash or an interrupted shutdown) once older than
    /// <paramref name="orphanMinimumAge"/> (zero at start-up; while serving, an upload being started owns its
    /// file a moment before its session exists) and sessions untouched for longer than
    /// <see cref="RegistryOptions.UploadExpiry"/>. Returns how many uploads were removed.
    /// </summary>
    public async Task<int> CleanUpAsync(TimeSpan orphanMinimumAge, CancellationToken cancellationToken)
    {
        var sessions = (await store.ListUploadsAsync(cancellationToken)).ToDictionary(s => s.Id, StringComparer.Ordinal);
        var now = timeProvider.GetUtcNow();
        var expiredBefore = now - options.UploadExpiry;
        var orphanBefore = now - orphanMinimumAge;
        var removed = 0;
        var staged = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var upload in blobs.EnumerateUploadsAsync(cancellationToken))
        {
            staged.Add(upload.UploadId);
            var reason = !sessions.ContainsKey(upload.UploadId) ? (upload.LastModified <= orphanBefore ? "no session owns it" : null)
                : upload.LastModified < expiredBefore ? "expired"
                : null;
            if (reason is null)
            {
                continue;
            }

            await blobs.DeleteUploadAsync(upload.UploadId, cancellationToken);
            await store.DeleteUploadAsync(upload.UploadId, cancellationToken);
            logger.UploadRemoved(upload.UploadId, reason);
            removed++;
        }

        foreach (var session in sessions.Values.Where(s => !staged.Contains(s.Id) && s.StartedAt <= orphanBefore))
        {
            await store.DeleteUploadAsync(session.Id, cancellationToken);
            logger.UploadRemoved(session.Id, "its staged bytes are gone");
            removed++;
        }

        return removed;
    }
}
