using System.Diagnostics.CodeAnalysis;

namespace Drydock.Oci.Sources;

/// <summary>A registry image reference, normalised the way docker does: <c>alpine</c> is
/// <c>registry-1.docker.io/library/alpine:latest</c>.</summary>
public sealed record RegistryReference
{
    /// <summary>The host Docker Hub's API is served from.</summary>
    public const string DockerHubHost = "registry-1.docker.io";

    /// <summary>The registry host, with port when given.</summary>
    public required string Host { get; init; }

    /// <summary>The repository path.</summary>
    public required string Repository { get; init; }

    /// <summary>The tag, when the reference has one and no digest.</summary>
    public string? Tag { get; init; }

    /// <summary>The digest, when the reference pins one.</summary>
    public string? Digest { get; init; }

    /// <summary>The tag or digest to ask the registry for.</summary>
    public string Reference => Digest ?? Tag ?? "latest";

    /// <inheritdoc/>
    public override string ToString() => Digest is not null ? $"{Host}/{Repository}@{Digest}" : $"{Host}/{Repository}:{Tag ?? "latest"}";

    /// <summary>Parses <c>[HOST[:PORT]/]REPO[:TAG][@DIGEST]</c>.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out RegistryReference? reference, [NotNullWhen(false)] out string? error)
    {
        reference = null;
        error = null;
        if (string.IsNullOrWhiteSpace(value) || value.Any(char.IsWhiteSpace))
        {
            error = $"'{value}' is not an image reference; expected HOST/REPO:TAG or HOST/REPO@sha256:….";
            return false;
        }

        string? digest = null;
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = value[(at + 1)..];
            if (!Oci.Digest.TryParse(digest, out _))
            {
                error = $"'{digest}' in '{value}' is not a sha256 or sha512 digest.";
                return false;
            }

            value = value[..at];
        }

        string? tag = null;
        var lastSlash = value.LastIndexOf('/');
        var colon = value.LastIndexOf(':');
        if (colon > lastSlash)
        {
            tag = value[(colon + 1)..];
            value = value[..colon];
        }

        var firstSlash = value.IndexOf('/', StringComparison.Ordinal);
        string host;
        string repository;
        var first = firstSlash < 0 ? value : value[..firstSlash];
        if (firstSlash >= 0 && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost"))
        {
            host = first;
            repository = value[(firstSlash + 1)..];
        }
        else
        {
            host = DockerHubHost;
            repository = firstSlash < 0 ? $"library/{value}" : value;
        }

        if (host is "docker.io" or "index.docker.io")
        {
            host = DockerHubHost;
        }

        if (repository.Length == 0 || repository.Split('/').Any(string.IsNullOrEmpty) || (tag is not null && tag.Length == 0))
        {
            error = $"'{value}' is not an image reference; expected HOST/REPO:TAG or HOST/REPO@sha256:….";
            return false;
        }

        reference = new RegistryReference { Host = host, Repository = repository, Tag = digest is null ? tag ?? "latest" : tag, Digest = digest };
        return true;
    }
}
