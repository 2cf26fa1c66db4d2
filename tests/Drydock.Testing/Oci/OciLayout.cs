using System.Security.Cryptography;
using System.Text.Json;
using Drydock.Oci;
using Drydock.Oci.Manifests;

namespace Drydock.Testing.Oci;

/// <summary>Reads an OCI image layout written by any tool (skopeo, umoci, <see cref="OciLayoutBuilder"/>) for assertions.</summary>
public static class OciLayout
{
    /// <summary>Every blob in the layout, by digest, after checking that each file's bytes match its name.</summary>
    public static SortedSet<string> VerifiedBlobDigests(string directory)
    {
        var digests = new SortedSet<string>(StringComparer.Ordinal);
        var blobs = Path.Combine(directory, "blobs");
        foreach (var algorithmDir in System.IO.Directory.EnumerateDirectories(blobs))
        {
            var algorithm = Path.GetFileName(algorithmDir);
            foreach (var file in System.IO.Directory.EnumerateFiles(algorithmDir))
            {
                var expected = Digest.Parse($"{algorithm}:{Path.GetFileName(file)}");
                using var stream = File.OpenRead(file);
                using var hash = expected.CreateHash();
                var buffer = new byte[1 << 16];
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                }

                var actual = Digest.FromHash(algorithm, hash.GetHashAndReset());
                if (actual != expected)
                {
                    throw new InvalidDataException($"Blob {file} holds {actual}, not what its name says.");
                }

                digests.Add(expected.ToString());
            }
        }

        return digests;
    }

    /// <summary>The descriptor index.json lists under <paramref name="tag"/>.</summary>
    public static Descriptor Resolve(string directory, string tag)
    {
        var index = JsonSerializer.Deserialize<ImageIndex>(File.ReadAllBytes(Path.Combine(directory, "index.json")))
            ?? throw new InvalidDataException($"{directory}/index.json is empty.");
        return index.Manifests?.FirstOrDefault(d => d.Annotations?.GetValueOrDefault(OciLayoutBuilder.RefNameAnnotation) == tag)
            ?? throw new KeyNotFoundException($"{directory}/index.json has no entry tagged '{tag}'.");
    }

    /// <summary>The exact bytes of a blob.</summary>
    public static byte[] ReadBlob(string directory, string digest)
    {
        var parsed = Digest.Parse(digest);
        return File.ReadAllBytes(Path.Combine(directory, "blobs", parsed.Algorithm, parsed.Hex));
    }

    /// <summary>Deterministic incompressible bytes (a seeded stream), written to <paramref name="path"/>.</summary>
    public static void WriteRandomFile(string path, long length, int seed)
    {
        // SHA-256 in counter mode: fast enough, incompressible, and the same on every machine and runtime.
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        Span<byte> counter = stackalloc byte[12];
        BitConverter.TryWriteBytes(counter, seed);
        Span<byte> block = stackalloc byte[32];
        var buffer = new byte[1 << 20];
        long written = 0;
        long blockNumber = 0;
        while (written < length)
        {
            var filled = 0;
            while (filled < buffer.Length)
            {
                BitConverter.TryWriteBytes(counter[4..], blockNumber++);
                SHA256.HashData(counter, block);
                block.CopyTo(buffer.AsSpan(filled));
                filled += block.Length;
            }

            var count = (int)Math.Min(buffer.Length, length - written);
            file.Write(buffer, 0, count);
            written += count;
        }
    }
}
