using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Drydock.Scanning.Reports;

/// <summary>The inventory formats: CycloneDX 1.6 JSON, SPDX 2.3 JSON and Drydock's own JSON.</summary>
public static class InventoryWriters
{
    /// <summary>The format names, as <c>--format</c> takes them.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["cyclonedx", "spdx", "json"];

    /// <summary>Drydock's version, as SBOMs name the tool that wrote them.</summary>
    public static string ToolVersion { get; } =
        typeof(InventoryWriters).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Finds the writer for a format name.</summary>
    public static bool TryGet(string format, TimeProvider time, [NotNullWhen(true)] out IInventoryWriter? writer)
    {
        writer = format switch
        {
            "cyclonedx" => new CycloneDxInventoryWriter(time),
            "spdx" => new SpdxInventoryWriter(time),
            "json" => new JsonInventoryWriter(),
            _ => null,
        };
        return writer is not null;
    }
}
