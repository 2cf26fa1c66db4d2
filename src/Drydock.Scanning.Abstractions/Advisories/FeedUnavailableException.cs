namespace Drydock.Scanning.Abstractions.Advisories;

/// <summary>A feed document could not be fetched (HTTP error after retries, missing mirror file).</summary>
public sealed class FeedUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FeedUnavailableException()
    {
    }

    /// <summary>Creates the exception with a sentence naming the document.</summary>
    public FeedUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a sentence naming the document and the cause.</summary>
    public FeedUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
