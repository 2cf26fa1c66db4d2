using System.Security.Cryptography;
using Drydock.Oci.IO;

namespace Drydock.Oci.Layers;

/// <summary>Hashes every byte read through it and counts them; the compressed side of a layer.</summary>
internal sealed class HashingReadStream(Stream inner, IncrementalHash hash) : ForwardReadStream(inner)
{
    public long BytesRead { get; private set; }

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        var read = Inner.Read(buffer);
        Account(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await Inner.ReadAsync(buffer, cancellationToken);
        Account(buffer.Span[..read]);
        return read;
    }

    private void Account(ReadOnlySpan<byte> data)
    {
        hash.AppendData(data);
        BytesRead += data.Length;
    }
}
