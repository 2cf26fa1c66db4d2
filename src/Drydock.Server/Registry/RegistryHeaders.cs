namespace Drydock.Server.Registry;

/// <summary>Header names of the distribution API.</summary>
internal static class RegistryHeaders
{
    public const string ApiVersion = "Docker-Distribution-API-Version";
    public const string ApiVersionValue = "registry/2.0";
    public const string ContentDigest = "Docker-Content-Digest";
    public const string UploadUuid = "Docker-Upload-UUID";
    public const string OciSubject = "OCI-Subject";
    public const string OciFiltersApplied = "OCI-Filters-Applied";
    public const string OciChunkMinLength = "OCI-Chunk-Min-Length";
}
