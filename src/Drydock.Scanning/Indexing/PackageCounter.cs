using Drydock.Oci.Layers;

namespace Drydock.Scanning.Indexing;

/// <summary>Counts the packages one layer yields and stops the scan past the cap, before the packages
/// of a hostile layer (a million one-line stanzas) fill the memory.</summary>
internal sealed class PackageCounter(string digest, int max)
{
    private int _count;

    public void Add(string detector, string path)
    {
        if (++_count > max)
        {
            throw new LayerException(
                $"Layer {digest} yields more than {max} packages (detector {detector}, at {path}), more than Drydock keeps for one layer; the scan stopped.");
        }
    }
}
