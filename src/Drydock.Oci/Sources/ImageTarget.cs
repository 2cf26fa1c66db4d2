using System.Diagnostics.CodeAnalysis;

namespace Drydock.Oci.Sources;

/// <summary>
/// A parsed TARGET of <c>drydock scan</c> and <c>drydock sbom</c>: one place that knows the transport
/// prefixes (ARCHITECTURE.md §5).
/// </summary>
public sealed record ImageTarget
{
    /// <summary>The transport.</summary>
    public required ImageTargetKind Kind { get; init; }

    /// <summary>The file or directory path for local transports.</summary>
    public string? Path { get; init; }

    /// <summary>The reference inside a layout (<c>oci:PATH:REF</c>), matched against
    /// <c>org.opencontainers.image.ref.name</c>.</summary>
    public string? LayoutReference { get; init; }

    /// <summary>The registry reference for <see cref="ImageTargetKind.Registry"/>.</summary>
    public RegistryReference? Registry { get; init; }

    /// <summary>The target as the user wrote it.</summary>
    public required string Original { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Original;

    /// <summary>Parses a TARGET, or says what is wrong with it.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out ImageTarget? target, [NotNullWhen(false)] out string? error)
    {
        target = null;
        error = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "The target is empty. Give docker://HOST/REPO:TAG, oci:PATH[:REF], oci-archive:PATH, docker-archive:PATH or dir:PATH.";
            return false;
        }

        if (value.StartsWith("docker://", StringComparison.Ordinal))
        {
            return TryRegistry(value, value["docker://".Length..], out target, out error);
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon > 0 ? value[..colon] : string.Empty;
        var rest = colon > 0 ? value[(colon + 1)..] : string.Empty;
        switch (prefix)
        {
            case "oci":
            case "oci-archive":
            {
                var (path, reference) = SplitLayoutReference(rest);
                if (path.Length == 0)
                {
                    error = $"'{value}' names no path; write {prefix}:PATH[:REF].";
                    return false;
                }

                target = new ImageTarget
                {
                    Kind = prefix == "oci" ? ImageTargetKind.OciLayout : ImageTargetKind.OciArchive,
                    Path = path,
                    LayoutReference = reference,
                    Original = value,
                };
                return true;
            }

            case "docker-archive":
            case "dir":
            case "sbom":
                if (rest.Length == 0)
                {
                    error = $"'{value}' names no path; write {prefix}:PATH.";
                    return false;
                }

                target = new ImageTarget
                {
                    Kind = prefix switch
                    {
                        "docker-archive" => ImageTargetKind.DockerArchive,
                        "dir" => ImageTargetKind.Directory,
                        _ => ImageTargetKind.Sbom,
                    },
                    Path = rest,
                    Original = value,
                };
                return true;

            case "docker-daemon" or "containers-storage" or "ostree":
                error = $"The '{prefix}:' transport is not supported; export the image first (docker save → docker-archive:PATH, or skopeo copy … oci:DIR).";
                return false;

            default:
                return TryRegistry(value, value, out target, out error);
        }
    }

    private static bool TryRegistry(string original, string reference, out ImageTarget? target, out string? error)
    {
        target = null;
        if (!RegistryReference.TryParse(reference, out var parsed, out error))
        {
            return false;
        }

        target = new ImageTarget { Kind = ImageTargetKind.Registry, Registry = parsed, Original = original };
        return true;
    }

    /// <summary>Splits <c>PATH[:REF]</c>: a final colon segment without a slash is the reference,
    /// unless the whole value is an existing path.</summary>
    private static (string Path, string? Reference) SplitLayoutReference(string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon < 0 || File.Exists(value) || System.IO.Directory.Exists(value))
        {
            return (value, null);
        }

        var reference = value[(colon + 1)..];
        return reference.Contains('/', StringComparison.Ordinal) ? (value, null) : (value[..colon], reference.Length == 0 ? null : reference);
    }
}
