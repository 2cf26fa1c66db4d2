using System.Text;
using System.Text.Json;

namespace Drydock.Oci.Sources;

/// <summary>
/// Registry credentials from the auth files that skopeo, podman and docker write (<c>{"auths": {"HOST": {"auth":
/// "base64(user:password)"}}}</c>), looked for where skopeo looks: the file given (<c>--authfile</c>), else
/// <c>$REGISTRY_AUTH_FILE</c>, else <c>$XDG_RUNTIME_DIR/containers/auth.json</c>, else <c>~/.docker/config.json</c>.
/// Credential helpers (<c>credsStore</c>) are not run.
/// </summary>
public static class RegistryAuthFile
{
    /// <summary>The files to read, in order: the first that exists and names the host wins.</summary>
    public static IReadOnlyList<string> Candidates(string? explicitPath, Func<string, string?> environment, string home)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (explicitPath is not null)
        {
            return [explicitPath];
        }

        var files = new List<string>();
        if (environment("REGISTRY_AUTH_FILE") is { Length: > 0 } fromVariable)
        {
            files.Add(fromVariable);
        }

        if (environment("XDG_RUNTIME_DIR") is { Length: > 0 } runtime)
        {
            files.Add(Path.Combine(runtime, "containers", "auth.json"));
        }

        files.Add(Path.Combine(home, ".docker", "config.json"));
        return files;
    }

    /// <summary>The user name and password stored for <paramref name="host"/> in <paramref name="json"/>, if any.</summary>
    public static (string User, string Password)? Find(string json, string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("auths", out var auths) || auths.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var entry in auths.EnumerateObject())
        {
            if (!Names(entry.Name, host) || entry.Value.ValueKind != JsonValueKind.Object
                || !entry.Value.TryGetProperty("auth", out var auth) || auth.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth.GetString()!));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                return (decoded[..colon], decoded[(colon + 1)..]);
            }
        }

        return null;
    }

    // Keys are a host ("127.0.0.1:5000"), a host with a repository path (podman), or a URL (docker's
    // "https://index.docker.io/v1/" for Docker Hub).
    private static bool Names(string key, string host)
    {
        var name = key;
        var scheme = name.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            name = name[(scheme + 3)..];
        }

        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            name = name[..slash];
        }

        return string.Equals(name, host, StringComparison.OrdinalIgnoreCase)
               || (host == RegistryReference.DockerHubHost && name is "index.docker.io" or "docker.io" or "registry-1.docker.io");
    }
}
