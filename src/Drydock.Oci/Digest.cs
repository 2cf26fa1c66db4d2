using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Drydock.Oci;

/// <summary>
/// A content digest, <c>algorithm:hex</c>, as the OCI image specification defines it.
/// Only the registered algorithms sha256 and sha512 are accepted; the hex part is lowercase.
/// </summary>
public readonly record struct Digest
{
    public const string Sha256 = "sha256";
    public const string Sha512 = "sha512";

    private Digest(string algorithm, string hex)
    {
        Algorithm = algorithm;
        Hex = hex;
    }

    public string Algorithm { get; }

    public string Hex { get; }

    public override string ToString() => Algorithm is null ? string.Empty : $"{Algorithm}:{Hex}";

    public static Digest Parse(string value) =>
        TryParse(value, out var digest) ? digest : throw new FormatException($"'{value}' is not a valid sha256 or sha512 digest.");

    public static bool TryParse([NotNullWhen(true)] string? value, out Digest digest)
    {
        digest = default;
        if (value is null)
        {
            return false;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        var algorithm = value[..colon];
        var hex = value.AsSpan(colon + 1);
        var expectedLength = algorithm switch
        {
            Sha256 => 64,
            Sha512 => 128,
            _ => -1,
        };
        if (hex.Length != expectedLength || !IsLowerHex(hex))
        {
            return false;
        }

        digest = new Digest(algorithm, hex.ToString());
        return true;
    }

    /// <summary>Creates a digest from a finished hash of the given algorithm.</summary>
    public static Digest FromHash(string algorithm, ReadOnlySpan<byte> hash) =>
        new(algorithm, Convert.ToHexStringLower(hash));

    /// <summary>Computes the sha256 digest of the given bytes.</summary>
    public static Digest Compute(ReadOnlySpan<byte> content) => FromHash(Sha256, SHA256.HashData(content));

    /// <summary>Computes a digest of the given bytes with this digest's algorithm.</summary>
    public Digest ComputeSameAlgorithm(ReadOnlySpan<byte> content) => Algorithm switch
    {
        Sha512 => FromHash(Sha512, SHA512.HashData(content)),
        _ => FromHash(Sha256, SHA256.HashData(content)),
    };

    /// <summary>An incremental hash for this digest's algorithm.</summary>
    public IncrementalHash CreateHash() => CreateHash(Algorithm);

    public static IncrementalHash CreateHash(string algorithm) => algorithm switch
    {
        Sha256 => IncrementalHash.CreateHash(HashAlgorithmName.SHA256),
        Sha512 => IncrementalHash.CreateHash(HashAlgorithmName.SHA512),
        _ => throw new ArgumentException($"Unsupported digest algorithm '{algorithm}'.", nameof(algorithm)),
    };

    private static bool IsLowerHex(ReadOnlySpan<char> hex)
    {
        foreach (var c in hex)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
