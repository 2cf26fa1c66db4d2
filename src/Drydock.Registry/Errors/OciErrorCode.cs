namespace Drydock.Registry.Errors;

/// <summary>
/// The catalogue of error codes of the OCI distribution specification (spec.md, "Error Codes"), each with
/// the HTTP status and message the wire uses. <see cref="RangeInvalid"/> is not in the spec's table but is what
/// distribution answers (416) for an out-of-order chunk, which the spec requires.
/// Domain code returns these in <see cref="OciError"/> values; the HTTP edge maps them once.
/// </summary>
public sealed class OciErrorCode
{
    private OciErrorCode(string code, int httpStatus, string message)
    {
        Code = code;
        HttpStatus = httpStatus;
        Message = message;
    }

    /// <summary>The code as it appears in the error body, e.g. <c>BLOB_UNKNOWN</c>.</summary>
    public string Code { get; }

    /// <summary>The HTTP status the error is answered with.</summary>
    public int HttpStatus { get; }

    /// <summary>The spec's message for the code.</summary>
    public string Message { get; }

    public static OciErrorCode BlobUnknown { get; } = new("BLOB_UNKNOWN", 404, "blob unknown to registry");

    public static OciErrorCode BlobUploadInvalid { get; } = new("BLOB_UPLOAD_INVALID", 400, "blob upload invalid");

    public static OciErrorCode BlobUploadUnknown { get; } = new("BLOB_UPLOAD_UNKNOWN", 404, "blob upload unknown to registry");

    public static OciErrorCode DigestInvalid { get; } = new("DIGEST_INVALID", 400, "provided digest did not match uploaded content");

    public static OciErrorCode ManifestBlobUnknown { get; } = new("MANIFEST_BLOB_UNKNOWN", 400, "manifest references a manifest or blob unknown to registry");

    public static OciErrorCode ManifestInvalid { get; } = new("MANIFEST_INVALID", 400, "manifest invalid");

    public static OciErrorCode ManifestUnknown { get; } = new("MANIFEST_UNKNOWN", 404, "manifest unknown to registry");

    public static OciErrorCode NameInvalid { get; } = new("NAME_INVALID", 400, "invalid repository name");

    public static OciErrorCode NameUnknown { get; } = new("NAME_UNKNOWN", 404, "repository name not known to registry");

    public static OciErrorCode SizeInvalid { get; } = new("SIZE_INVALID", 400, "provided length did not match content length");

    public static OciErrorCode Unauthorized { get; } = new("UNAUTHORIZED", 401, "authentication required");

    public static OciErrorCode Denied { get; } = new("DENIED", 403, "requested access to the resource is denied");

    public static OciErrorCode Unsupported { get; } = new("UNSUPPORTED", 405, "the operation is unsupported");

    public static OciErrorCode TooManyRequests { get; } = new("TOOMANYREQUESTS", 429, "too many requests");

    public static OciErrorCode RangeInvalid { get; } = new("RANGE_INVALID", 416, "invalid content range");

    /// <summary>Every code in the catalogue.</summary>
    public static IReadOnlyList<OciErrorCode> All { get; } =
    [
        BlobUnknown, BlobUploadInvalid, BlobUploadUnknown, DigestInvalid, ManifestBlobUnknown, ManifestInvalid,
        ManifestUnknown, NameInvalid, NameUnknown, SizeInvalid, Unauthorized, Denied, Unsupported, TooManyRequests,
        RangeInvalid,
    ];

    public override string ToString() => Code;

    /// <summary>An error of this code with the catalogue message and an optional detail.</summary>
    public OciError With(string? detail = null) => new(this, Message, detail);

    /// <summary>An error of this code with a message that says more than the catalogue's.</summary>
    public OciError WithMessage(string message, string? detail = null) => new(this, message, detail);
}
