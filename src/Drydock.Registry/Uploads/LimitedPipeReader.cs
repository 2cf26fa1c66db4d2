using System.Buffers;
using System.IO.Pipelines;

namespace Drydock.Registry.Uploads;

/// <summary>
/// A request body that may hold at most <c>limit</c> bytes: the read that would hand out more throws
/// <see cref="UploadLimitExceededException"/>, so an endless chunked PATCH stops at the limit instead of filling
/// the disk. The blob store sees an ordinary reader.
/// </summary>
internal sealed class LimitedPipeReader(PipeReader inner, long limit) : PipeReader
{
    private ReadOnlySequence<byte> _last;
    private long _consumed;

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default) =>
        Check(await inner.ReadAsync(cancellationToken));

    public override bool TryRead(out ReadResult result)
    {
        if (!inner.TryRead(out result))
        {
            return false;
        }

        result = Check(result);
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed)
    {
        _consumed += _last.Slice(_last.Start, consumed).Length;
        inner.AdvanceTo(consumed);
    }

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        _consumed += _last.Slice(_last.Start, consumed).Length;
        inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null)
    {
        // The request owns the body reader; the server completes it.
    }

    private ReadResult Check(ReadResult result)
    {
        _last = result.Buffer;
        if (_consumed + result.Buffer.Length > limit)
        {
            throw new UploadLimitExceededException();
        }

        return result;
    }
}
