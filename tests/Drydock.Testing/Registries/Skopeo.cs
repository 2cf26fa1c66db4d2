namespace Drydock.Testing.Registries;

/// <summary>The skopeo commands the end-to-end tests use, over plain HTTP on loopback.</summary>
public static class Skopeo
{
    public const string Program = "skopeo";

    /// <summary><c>skopeo copy</c> with TLS verification off on both sides (loopback registries speak plain HTTP).</summary>
    public static Task<ToolResult> CopyAsync(string source, string destination, CancellationToken cancellationToken, params string[] options) =>
        RunAsync(["copy", "--src-tls-verify=false", "--dest-tls-verify=false", .. options, source, destination], cancellationToken);

    /// <summary>The manifest bytes exactly as the registry serves them (<c>skopeo inspect --raw</c>).</summary>
    public static async Task<string> InspectRawAsync(string reference, CancellationToken cancellationToken) =>
        (await RunAsync(["inspect", "--tls-verify=false", "--raw", reference], cancellationToken)).StandardOutput;

    /// <summary>The image config as the registry serves it (<c>skopeo inspect --config --raw</c>).</summary>
    public static async Task<string> InspectConfigAsync(string reference, CancellationToken cancellationToken) =>
        (await RunAsync(["inspect", "--tls-verify=false", "--config", "--raw", reference], cancellationToken)).StandardOutput;

    /// <summary><c>skopeo list-tags</c> JSON: {"Repository": …, "Tags": […]}.</summary>
    public static async Task<string> ListTagsAsync(string repository, CancellationToken cancellationToken) =>
        (await RunAsync(["list-tags", "--tls-verify=false", repository], cancellationToken)).StandardOutput;

    public static Task<ToolResult> DeleteAsync(string reference, CancellationToken cancellationToken) =>
        RunAsync(["delete", "--tls-verify=false", reference], cancellationToken);

    public static Task<ToolResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken, bool check = true) =>
        ExternalTool.RunAsync(Program, ["--insecure-policy", .. arguments], cancellationToken, check: check);
}
