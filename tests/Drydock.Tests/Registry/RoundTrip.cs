using System.Text;
using Drydock.Testing.Oci;

namespace Drydock.Tests.Registry;

/// <summary>Assertions that an image came back from a registry exactly as it was built.</summary>
internal static class RoundTrip
{
    /// <summary>
    /// The layout at <paramref name="pulledDirectory"/> holds <paramref name="expected"/> under <paramref name="tag"/>
    /// with the same manifest bytes, and exactly the blobs it needs, each byte-identical to what was built.
    /// </summary>
    public static void AssertIdentical(BuiltManifest expected, string builtDirectory, string pulledDirectory, string tag)
    {
        var pulled = OciLayout.Resolve(pulledDirectory, tag);
        Assert.Equal(expected.Descriptor.Digest, pulled.Digest);
        Assert.Equal(expected.Descriptor.MediaType, pulled.MediaType);
        Assert.Equal(expected.Bytes.ToArray(), OciLayout.ReadBlob(pulledDirectory, pulled.Digest));

        // Digests verified against file contents on both sides, so equal names mean equal bytes.
        var pulledBlobs = OciLayout.VerifiedBlobDigests(pulledDirectory);
        var builtBlobs = OciLayout.VerifiedBlobDigests(builtDirectory);
        var needed = new SortedSet<string>(expected.Blobs.Select(b => b.Digest).Append(expected.Descriptor.Digest), StringComparer.Ordinal);
        Assert.Equal(needed, pulledBlobs);
        Assert.Subset(builtBlobs, pulledBlobs);
        foreach (var digest in needed)
        {
            Assert.Equal(OciLayout.ReadBlob(builtDirectory, digest), OciLayout.ReadBlob(pulledDirectory, digest));
        }
    }

    /// <summary>The manifest text as built, for comparing with what a registry serves.</summary>
    public static string Text(BuiltManifest manifest) => Encoding.UTF8.GetString(manifest.Bytes.Span);
}
