using Drydock.Oci.IO;

namespace Drydock.Oci.Layers;

/// <summary>Counts the uncompressed bytes of a layer and stops at the decompression limits.</summary>
internal sealed class GuardedReadStream(Stream inner, HashingReadStream compressed, LayerLimits limits, string layer) : ForwardReadStream(inner)
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
        Account(read);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await Inner.ReadAsync(buffer, cancellationToken);
        Account(read);
        return read;
    }

    private void Account(int read)
    {
        BytesRead += read;
        if (BytesRead > limits.MaxUncompressedBytes)
        {
            throw new LayerException(
                $"Layer {layer} expands past {limits.MaxUncompressedBytes} bytes, the decompression limit; " +
                "the scan stopped. If the layer is genuine, raise the maximum uncompressed layer size.");
        }

        if (BytesRead > limits.RatioCheckAfterBytes && compressed.BytesRead > 0
            && (double)BytesRead / compressed.BytesRead > limits.MaxRatio)
        {
            throw new LayerException(
                $"Layer {layer} expands more than {limits.MaxRatio}:1 ({BytesRead} bytes from {compressed.BytesRead}), " +
                "which looks like a decompression bomb; the scan stopped. If the layer is genuine, raise the maximum ratio.");
        }
    }
}
