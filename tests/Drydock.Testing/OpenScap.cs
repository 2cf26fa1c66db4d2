using System.Text.RegularExpressions;

namespace Drydock.Testing;

/// <summary>OpenSCAP's OVAL interpreter (<c>oscap oval eval</c>, Debian package openscap-scanner) run
/// offline on a root filesystem: the reference verdicts for OVAL definitions over an rpm database.</summary>
public static partial class OpenScap
{
    /// <summary>The ids of the definitions that are true on <paramref name="root"/>, whose rpm database is
    /// in <c>var/lib/rpm</c> (SQLite, as Debian's rpm writes it).</summary>
    public static async Task<IReadOnlySet<string>> TrueDefinitionsAsync(string definitions, string root, string workDirectory, CancellationToken cancellationToken)
    {
        // Debian's rpm keeps its database in ~/.rpmdb, which the probe inside the root cannot expand; a copy
        // of rpm's configuration points it at /var/lib/rpm, as on an rpm distribution.
        var rpmConfig = Path.Combine(workDirectory, "rpm-config");
        foreach (var file in Directory.EnumerateFiles("/usr/lib/rpm", "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(rpmConfig, Path.GetRelativePath("/usr/lib/rpm", file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }

        var macros = Path.Combine(rpmConfig, "macros");
        var text = await File.ReadAllTextAsync(macros, cancellationToken);
        await File.WriteAllTextAsync(macros, DbPathMacro().Replace(text, "%_dbpath\t\t/var/lib/rpm") + "\n%_db_backend sqlite\n", cancellationToken);
        var result = await ExternalTool.RunAsync(
            "oscap", ["oval", "eval", definitions], cancellationToken,
            environment: new Dictionary<string, string> { ["OSCAP_PROBE_ROOT"] = root, ["RPM_CONFIGDIR"] = rpmConfig });
        return DefinitionResult().Matches(result.StandardOutput).Where(m => m.Groups[2].Value == "true").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^%_dbpath\s.*$", RegexOptions.Multiline)]
    private static partial Regex DbPathMacro();

    [GeneratedRegex(@"^Definition (\S+): (\S+)$", RegexOptions.Multiline)]
    private static partial Regex DefinitionResult();
}
