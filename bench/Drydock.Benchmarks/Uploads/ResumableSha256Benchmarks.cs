using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Drydock.Registry.Uploads;

namespace Drydock.Benchmarks.Uploads;

/// <summary>
/// The managed, resumable SHA-256 against the platform's (OpenSSL, with SHA extensions where the CPU has
/// them) over 1 MiB of upload bytes: the price of a hash state that can move between replicas.
/// </summary>
[MemoryDiagnoser]
public class ResumableSha256Benchmarks
{
    private readonly byte[] _data = new byte[1 << 20];

    [GlobalSetup]
    public void Setup() => new Random(42).NextBytes(_data);

    [Benchmark(Baseline = true)]
    public byte[] Platform()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(_data);
        return hash.GetHashAndReset();
    }

    [Benchmark]
    public byte[] Resumable()
    {
        var hash = new ResumableSha256();
        hash.Append(_data);
        return hash.GetCurrentHash();
    }

    [Benchmark]
    public byte[] ResumableSavedEvery64KiB()
    {
        var hash = new ResumableSha256();
        Span<byte> saved = stackalloc byte[ResumableSha256.SavedStateSize];
        for (var offset = 0; offset < _data.Length; offset += 65536)
        {
            hash.Append(_data.AsSpan(offset, 65536));
            hash.SaveState(saved);
            ResumableSha256.TryRestore(saved, out hash!);
        }

        return hash.GetCurrentHash();
    }
}
