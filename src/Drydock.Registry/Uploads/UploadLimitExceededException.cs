namespace Drydock.Registry.Uploads;

/// <summary>A request body went past what the upload may still hold; the upload service turns it into SIZE_INVALID.</summary>
internal sealed class UploadLimitExceededException : IOException
{
    public UploadLimitExceededException()
        : base("The upload went past its size limit.")
    {
    }

    public UploadLimitExceededException(string message)
        : base(message)
    {
    }

    public UploadLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
