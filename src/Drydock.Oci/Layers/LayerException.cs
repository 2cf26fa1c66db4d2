namespace Drydock.Oci.Layers;

/// <summary>A layer that cannot be read safely: its digest does not match, it expands past the
/// decompression limits, or it is not a tar archive. The message names the layer.</summary>
public sealed class LayerException : IOException
{
    /// <summary>Creates the exception.</summary>
    public LayerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public LayerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public LayerException()
    {
    }
}
