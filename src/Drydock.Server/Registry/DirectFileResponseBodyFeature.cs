using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Win32.SafeHandles;

namespace Drydock.Server.Registry;

/// <summary>
/// Wraps the server's response body so that <see cref="SendFileAsync"/> reads the file straight into the memory of
/// the connection's output pipe (one copy, from the page cache into the buffer the socket sends), in large
/// segments. Kestrel's own SendFileAsync reads into a 64 KiB managed buffer and copies that into 4 KiB pipe blocks
/// (two copies, many small writes). Everything else, including headers, Range and HEAD, stays with ASP.NET.
/// </summary>
/// <remarks>
/// Why not sendfile(2): Kestrel's socket is reachable (<c>IConnectionSocketFeature</c>), but a write on it would
/// race with the header bytes still queued in Kestrel's output pipe (a flush completes when the pipe is below its
/// threshold, not when the socket has sent it), and Kestrel counts body bytes against Content-Length and closes a
/// keep-alive connection whose body it did not see. Neither can be worked around safely from outside Kestrel.
/// </remarks>
internal sealed class DirectFileResponseBodyFeature(IHttpResponseBodyFeature inner) : IHttpResponseBodyFeature
{
    // Large enough that a 256 MiB blob is ~1000 reads and sends; rented by the pipe from the shared array pool.
    private const int SegmentBytes = 256 * 1024;

    /// <inheritdoc/>
    public Stream Stream => inner.Stream;

    /// <inheritdoc/>
    public PipeWriter Writer => inner.Writer;

    /// <inheritdoc/>
    public void DisableBuffering() => inner.DisableBuffering();

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

    /// <inheritdoc/>
    public Task CompleteAsync() => inner.CompleteAsync();

    /// <inheritdoc/>
    public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.SequentialScan);
        var remaining = count ?? RandomAccess.GetLength(file) - offset;
        await inner.StartAsync(cancellationToken);
        var writer = inner.Writer;
        while (remaining > 0)
        {
            var read = Read(path, file, writer, offset, remaining);
            offset += read;
            remaining -= read;
            var flushed = await writer.FlushAsync(cancellationToken);
            if (flushed.IsCompleted || flushed.IsCanceled)
            {
                // The client went away; the server ends the response.
                return;
            }
        }
    }

    // Synchronous: a read of a blob that is in the page cache is a memory copy, and Linux has no truly asynchronous
    // buffered file read (.NET would make the same read on another thread).
    private static int Read(string path, SafeFileHandle file, PipeWriter writer, long offset, long remaining)
    {
        var memory = writer.GetMemory((int)Math.Min(SegmentBytes, remaining));
        var span = memory.Span[..(int)Math.Min(memory.Length, remaining)];
        var read = RandomAccess.Read(file, span, offset);
        if (read == 0)
        {
            throw new IOException($"'{path}' ended {remaining} bytes before its announced length.");
        }

        writer.Advance(read);
        return read;
    }
}
