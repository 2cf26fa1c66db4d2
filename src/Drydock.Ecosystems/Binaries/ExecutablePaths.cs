namespace Drydock.Ecosystems.Binaries;

/// <summary>
/// Which files may be executables. A path cannot tell (and the layer walk hands over no mode bits), so
/// any file whose name has no extension, or ends in .exe, outside folders that hold only data is a
/// candidate; the detector then reads the first bytes and stops unless they are an ELF, PE or Mach-O magic.
/// </summary>
internal static class ExecutablePaths
{
    public static bool IsCandidate(string path)
    {
        var name = path.AsSpan(path.LastIndexOf('/') + 1);
        if (name.IsEmpty || (name.Contains('.') && !name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase)) || IsDocumentName(name))
        {
            return false;
        }

        return !(path.StartsWith("usr/share/", StringComparison.Ordinal)
            || path.StartsWith("usr/include/", StringComparison.Ordinal)
            || path.StartsWith("etc/", StringComparison.Ordinal)
            || path.StartsWith("var/lib/", StringComparison.Ordinal)
            || path.StartsWith("var/cache/", StringComparison.Ordinal)
            || path.StartsWith("usr/src/", StringComparison.Ordinal)
            || path.StartsWith("proc/", StringComparison.Ordinal)
            || path.StartsWith("sys/", StringComparison.Ordinal)
            || path.StartsWith("dev/", StringComparison.Ordinal)
            || path.Contains("/.git/", StringComparison.Ordinal)
            || path.Contains("/site-packages/", StringComparison.Ordinal)
            || path.Contains("/dist-packages/", StringComparison.Ordinal)
            || path.Contains(".dist-info/", StringComparison.Ordinal));
    }

    // The extension-less text files every source package carries (one per npm package): not worth opening.
    private static bool IsDocumentName(ReadOnlySpan<char> name) =>
        name.StartsWith("LICENSE", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("LICENCE", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("COPYING", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("README", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("CHANGELOG", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("AUTHORS", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("NOTICE", StringComparison.OrdinalIgnoreCase)
        || name.SequenceEqual("Makefile");

    /// <summary>ELF, PE (MZ), Mach-O (32/64-bit, either byte order) and universal Mach-O.</summary>
    public static bool HasExecutableMagic(ReadOnlySpan<byte> start) =>
        start.Length >= 4
        && ((start[0] == 0x7f && start[1..4].SequenceEqual("ELF"u8))
            || start.StartsWith("MZ"u8)
            || start[..4].SequenceEqual(new byte[] { 0xfe, 0xed, 0xfa, 0xce })
            || start[..4].SequenceEqual(new byte[] { 0xfe, 0xed, 0xfa, 0xcf })
            || start[..4].SequenceEqual(new byte[] { 0xce, 0xfa, 0xed, 0xfe })
            || start[..4].SequenceEqual(new byte[] { 0xcf, 0xfa, 0xed, 0xfe })
            || start[..4].SequenceEqual(new byte[] { 0xca, 0xfe, 0xba, 0xbe }));
}
