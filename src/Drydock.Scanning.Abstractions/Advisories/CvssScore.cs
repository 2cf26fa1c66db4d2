using System.Text.Json.Serialization;

namespace Drydock.Scanning.Abstractions.Advisories;

/// <summary>A CVSS vector with its base score, and who assigned it.</summary>
/// <param name="Version">"2.0", "3.0", "3.1" or "4.0".</param>
/// <param name="Vector">The vector string.</param>
/// <param name="BaseScore">The score, 0–10; NaN when it could not be computed. For v4.0 it is the score of the vector as given, threat and environmental metrics included (see <see cref="Nomenclature"/>).</param>
/// <param name="Source">Who scored it, e.g. "nvd", "ghsa", "redhat".</param>
public sealed record CvssScore(string Version, string Vector, double BaseScore, string Source)
{
    private static readonly string[] EnvironmentalMetrics =
        ["CR", "IR", "AR", "MAV", "MAC", "MAT", "MPR", "MUI", "MVC", "MVI", "MVA", "MSC", "MSI", "MSA"];

    /// <summary>
    /// For v4.0, which metric groups the score covers, in FIRST's nomenclature (specification §1.3): "CVSS-B"
    /// (base), "CVSS-BT" (base and threat), "CVSS-BE" (base and environmental) or "CVSS-BTE"; null before v4.0.
    /// </summary>
    [JsonIgnore]
    public string? Nomenclature
    {
        get
        {
            if (Version != "4.0")
            {
                return null;
            }

            bool Given(string metric) => Vector.Split('/').Any(part => part.StartsWith(metric + ":", StringComparison.Ordinal) && part != metric + ":X");
            return "CVSS-B" + (Given("E") ? "T" : string.Empty) + (EnvironmentalMetrics.Any(Given) ? "E" : string.Empty);
        }
    }
}
