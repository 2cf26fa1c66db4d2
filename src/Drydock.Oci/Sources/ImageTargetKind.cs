namespace Drydock.Oci.Sources;

/// <summary>The transports a TARGET can name (skopeo's prefixes, plus <c>dir:</c> for a root filesystem).</summary>
public enum ImageTargetKind
{
    /// <summary><c>docker://HOST/REPO:TAG|@DIGEST</c> or a bare reference.</summary>
    Registry = 0,

    /// <summary><c>oci:PATH[:REF]</c>, an OCI image layout directory.</summary>
    OciLayout = 1,

    /// <summary><c>oci-archive:PATH[:REF]</c>, a tar of an OCI image layout.</summary>
    OciArchive = 2,

    /// <summary><c>docker-archive:PATH</c>, the output of <c>docker save</c>.</summary>
    DockerArchive = 3,

    /// <summary><c>dir:PATH</c>, a root filesystem on disk.</summary>
    Directory = 4,

    /// <summary><c>sbom:PATH</c>, an SBOM document instead of an image.</summary>
    Sbom = 5,
}
