using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Drydock.Registry.Uploads;

/// <summary>
/// SHA-256 (FIPS 180-4) whose running state can be saved and restored. A chunked upload's digest is
/// computed as its chunks arrive; when the upload's state lives in the database, the next chunk may be
/// handled by another process, which restores the hash where the last one stopped instead of reading
/// every byte again. .NET's <c>IncrementalHash</c> cannot export its state, hence this managed version.
/// It is slower than the platform's hash, so it is meant for uploads that must move between processes.
/// </summary>
public sealed class ResumableSha256
{
    /// <summary>Size of a saved state: version, eight state words, the byte count and the partial block.</summary>
    public const int SavedStateSize = 1 + (8 * 4) + 8 + 1 + BlockSize;

    private const int BlockSize = 64;
    private const byte StateVersion = 1;

    private static readonly uint[] RoundConstants =
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    private readonly uint[] state = new uint[8];
    private readonly byte[] pending = new byte[BlockSize];
    private int pendingLength;
    private ulong totalBytes;

    /// <summary>A hash of no bytes yet.</summary>
    public ResumableSha256() => Reset();

    /// <summary>How many bytes have been appended.</summary>
    public long BytesHashed => (long)totalBytes;

    /// <summary>Adds bytes to the hash.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        totalBytes += (ulong)data.Length;
        if (pendingLength > 0)
        {
            var take = Math.Min(BlockSize - pendingLength, data.Length);
            data[..take].CopyTo(pending.AsSpan(pendingLength));
            pendingLength += take;
            data = data[take..];
            if (pendingLength < BlockSize)
            {
                return;
            }

            Compress(state, pending);
            pendingLength = 0;
        }

        while (data.Length >= BlockSize)
        {
            Compress(state, data[..BlockSize]);
            data = data[BlockSize..];
        }

        data.CopyTo(pending);
        pendingLength = data.Length;
    }

    /// <summary>The digest of the bytes appended so far. The hash can go on receiving bytes afterwards.</summary>
    public byte[] GetCurrentHash()
    {
        var words = (uint[])state.Clone();
        Span<byte> tail = stackalloc byte[BlockSize * 2];
        pending.AsSpan(0, pendingLength).CopyTo(tail);
        tail[pendingLength] = 0x80;

        // The padding ends with the message length in bits; it needs a second block when fewer than
        // nine bytes are left in this one.
        var tailLength = pendingLength + 9 <= BlockSize ? BlockSize : BlockSize * 2;
        BinaryPrimitives.WriteUInt64BigEndian(tail[(tailLength - 8)..], totalBytes * 8);
        for (var offset = 0; offset < tailLength; offset += BlockSize)
        {
            Compress(words, tail.Slice(offset, BlockSize));
        }

        var digest = new byte[32];
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(digest.AsSpan(i * 4), words[i]);
        }

        return digest;
    }

    /// <summary>Writes the running state into <paramref name="destination"/>, which holds <see cref="SavedStateSize"/> bytes.</summary>
    public void SaveState(Span<byte> destination)
    {
        if (destination.Length < SavedStateSize)
        {
            throw new ArgumentException($"the destination holds {destination.Length} bytes; a saved state needs {SavedStateSize}", nameof(destination));
        }

        destination[0] = StateVersion;
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[(1 + (i * 4))..], state[i]);
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination[33..], totalBytes);
        destination[41] = (byte)pendingLength;
        destination.Slice(42, BlockSize).Clear();
        pending.AsSpan(0, pendingLength).CopyTo(destination[42..]);
    }

    /// <summary>The running state as bytes, to store beside an upload.</summary>
    public byte[] SaveState()
    {
        var saved = new byte[SavedStateSize];
        SaveState(saved);
        return saved;
    }

    /// <summary>Restores a state written by <see cref="SaveState()"/>; false when the bytes are not one.</summary>
    public static bool TryRestore(ReadOnlySpan<byte> saved, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ResumableSha256? hash)
    {
        hash = null;
        if (saved.Length != SavedStateSize || saved[0] != StateVersion)
        {
            return false;
        }

        var total = BinaryPrimitives.ReadUInt64BigEndian(saved[33..]);
        var pendingLength = saved[41];

        // The partial block is exactly the bytes past the last whole block; anything else was not
        // written by SaveState.
        if (pendingLength >= BlockSize || (ulong)pendingLength != total % BlockSize)
        {
            return false;
        }

        var restored = new ResumableSha256();
        for (var i = 0; i < 8; i++)
        {
            restored.state[i] = BinaryPrimitives.ReadUInt32BigEndian(saved[(1 + (i * 4))..]);
        }

        restored.totalBytes = total;
        restored.pendingLength = pendingLength;
        saved.Slice(42, pendingLength).CopyTo(restored.pending);
        hash = restored;
        return true;
    }

    /// <summary>Starts over with no bytes.</summary>
    public void Reset()
    {
        state[0] = 0x6a09e667;
        state[1] = 0xbb67ae85;
        state[2] = 0x3c6ef372;
        state[3] = 0xa54ff53a;
        state[4] = 0x510e527f;
        state[5] = 0x9b05688c;
        state[6] = 0x1f83d9ab;
        state[7] = 0x5be0cd19;
        pendingLength = 0;
        totalBytes = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Compress(uint[] h, ReadOnlySpan<byte> block)
    {
        Span<uint> w = stackalloc uint[64];
        for (var t = 0; t < 16; t++)
        {
            w[t] = BinaryPrimitives.ReadUInt32BigEndian(block[(t * 4)..]);
        }

        for (var t = 16; t < 64; t++)
        {
            var w15 = w[t - 15];
            var w2 = w[t - 2];
            var s0 = BitOperations.RotateRight(w15, 7) ^ BitOperations.RotateRight(w15, 18) ^ (w15 >> 3);
            var s1 = BitOperations.RotateRight(w2, 17) ^ BitOperations.RotateRight(w2, 19) ^ (w2 >> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }

        uint a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        var k = RoundConstants;
        for (var t = 0; t < 64; t++)
        {
            var sum1 = BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25);
            var choose = (e & f) ^ (~e & g);
            var t1 = hh + sum1 + choose + k[t] + w[t];
            var sum0 = BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22);
            var majority = (a & b) ^ (a & c) ^ (b & c);
            var t2 = sum0 + majority;
            hh = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }

        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += hh;
    }
}
