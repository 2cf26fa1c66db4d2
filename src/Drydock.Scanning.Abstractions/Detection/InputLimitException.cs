namespace Drydock.Scanning.Abstractions.Detection;

/// <summary>
/// A detector's input is larger than the detector reads (a file past its size limit, a line past its
/// length limit). Unlike other detector failures this is not a warning: the engine stops the scan with
/// the message, so that a hostile or broken image fails clearly instead of reporting a partial Success.
/// </summary>
public sealed class InputLimitException : IOException
{
    /// <summary>Creates the exception.</summary>
    public InputLimitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public InputLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public InputLimitException()
    {
    }
}
