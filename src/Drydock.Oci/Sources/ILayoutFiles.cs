namespace Drydock.Oci.Sources;

/// <summary>Files of an OCI layout or docker archive, whether on disk or inside a tar.</summary>
internal interface ILayoutFiles : IDisposable
{
    bool Exists(string path);

    Stream Open(string path);
}
