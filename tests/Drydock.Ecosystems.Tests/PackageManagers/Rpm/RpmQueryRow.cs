namespace Drydock.Ecosystems.Tests.PackageManagers.Rpm;

/// <summary>One line of <c>rpm -qa</c>; "(none)" is rpm's way of printing an absent tag.</summary>
public sealed record RpmQueryRow(
    string Name, string EpochNumber, string Version, string Release, string Evr, string? Architecture,
    string? SourceRpm, string? License, string? Vendor, string? ModularityLabel)
{
    public static RpmQueryRow Parse(string line)
    {
        var f = line.Split('\t');
        if (f.Length != 10)
        {
            throw new FormatException($"Unexpected rpm -qa line: {line}");
        }

        return new RpmQueryRow(f[0], f[1], f[2], f[3], f[4], None(f[5]), None(f[6]), None(f[7]), None(f[8]), None(f[9]));

        static string? None(string value) => value == "(none)" ? null : value;
    }
}
