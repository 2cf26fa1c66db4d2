using System.CommandLine;
using Drydock.Oci.Sources;

namespace Drydock.Commands;

/// <summary>
/// The registry credentials <c>scan</c> and <c>sbom</c> share: <c>--username</c>/<c>--password</c> (or
/// <c>DRYDOCK_USERNAME</c>/<c>DRYDOCK_PASSWORD</c>), else the auth file skopeo and podman use
/// (<see cref="RegistryAuthFile"/>; <c>--authfile</c> names one).
/// </summary>
internal sealed class RegistryCredentials
{
    public Option<string?> Username { get; } = new("--username") { Description = "Registry user name (or DRYDOCK_USERNAME)." };

    public Option<string?> Password { get; } = new("--password") { Description = "Registry password or token (or DRYDOCK_PASSWORD)." };

    public Option<string?> AuthFile { get; } = new("--authfile")
    {
        Description = "An auth file as skopeo, podman and docker write (default $REGISTRY_AUTH_FILE, $XDG_RUNTIME_DIR/containers/auth.json, ~/.docker/config.json).",
    };

    public IEnumerable<Option> Options => [Username, Password, AuthFile];

    /// <summary>
    /// The user name and password for <paramref name="target"/> ((null, null) when none are known), or null after
    /// printing why an auth file could not be read.
    /// </summary>
    public (string? User, string? Password)? TryResolve(ParseResult parseResult, string target)
    {
        try
        {
            return Resolve(parseResult, target);
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or FormatException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return null;
        }
    }

    private (string? User, string? Password) Resolve(ParseResult parseResult, string target)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var user = parseResult.GetValue(Username) ?? Environment.GetEnvironmentVariable("DRYDOCK_USERNAME");
        var password = parseResult.GetValue(Password) ?? Environment.GetEnvironmentVariable("DRYDOCK_PASSWORD");
        if (user is not null || password is not null)
        {
            return (user, password);
        }

        var explicitFile = parseResult.GetValue(AuthFile);
        if (explicitFile is not null && !File.Exists(explicitFile))
        {
            throw new FileNotFoundException($"--authfile {explicitFile}: no such file.", explicitFile);
        }

        if (!ImageTarget.TryParse(target, out var parsed, out _) || parsed!.Registry is not { } registry)
        {
            return (null, null);
        }

        foreach (var file in RegistryAuthFile.Candidates(explicitFile, Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)))
        {
            if (File.Exists(file) && RegistryAuthFile.Find(File.ReadAllText(file), registry.Host) is var (foundUser, foundPassword))
            {
                return (foundUser, foundPassword);
            }
        }

        return (null, null);
    }
}
