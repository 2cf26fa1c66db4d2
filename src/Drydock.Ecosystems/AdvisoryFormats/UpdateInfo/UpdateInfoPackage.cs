namespace Drydock.Ecosystems.AdvisoryFormats.UpdateInfo;

/// <summary>A <c>&lt;package name epoch version release arch&gt;</c> of an update's package list: the build
/// that fixes the advisory.</summary>
internal sealed record UpdateInfoPackage(string Name, string? Epoch, string Version, string Release, string? Arch)
{
    /// <summary>The rpm <c>[epoch:]version-release</c>, the epoch written only when it is not 0, as rpm
    /// prints an installed package's EVR.</summary>
    public string Evr => Epoch is null or "" or "0" ? $"{Version}-{Release}" : $"{Epoch}:{Version}-{Release}";
}
