using Drydock.Scanning.Abstractions.Model;

namespace Drydock.Ecosystems.AdvisoryFormats;

/// <summary>Maps the severity words feeds use (Debian urgencies, Ubuntu priorities, Red Hat impacts,
/// GHSA and CVSS ratings) to <see cref="Severity"/>.</summary>
public static class SeverityNames
{
    /// <summary>The severity a word names; Unknown for words that name none ("not yet assigned").</summary>
    public static Severity Parse(string? word)
    {
        if (string.IsNullOrWhiteSpace(word))
        {
            return Severity.Unknown;
        }

        // Debian marks urgencies that were set without full analysis with "*" or "**" ("high**").
        return word.Trim().TrimEnd('*').ToLowerInvariant() switch
        {
            "critical" => Severity.Critical,
            "high" or "important" => Severity.High,
            "medium" or "moderate" => Severity.Medium,
            "low" => Severity.Low,
            "negligible" or "unimportant" or "none" or "informational" => Severity.Negligible,
            _ => Severity.Unknown,
        };
    }

    /// <summary>The CVSS v3/v4 qualitative rating of a base score.</summary>
    public static Severity FromCvssScore(double score) => score switch
    {
        >= 9.0 => Severity.Critical,
        >= 7.0 => Severity.High,
        >= 4.0 => Severity.Medium,
        > 0.0 => Severity.Low,
        _ => Severity.Negligible,
    };
}
