namespace Drydock.Registry.Storage;

/// <summary>How committing a staged upload ended.</summary>
public enum BlobCommitStatus
{
    /// <summary>The content matched the digest and the blob is now visible.</summary>
    Committed,

    /// <summary>The content did not match the digest; nothing became visible and the staged bytes are gone.</summary>
    DigestMismatch,

    /// <summary>There is no staged upload with that id.</summary>
    UploadUnknown,
}
