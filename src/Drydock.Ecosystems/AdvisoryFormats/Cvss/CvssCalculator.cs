namespace Drydock.Ecosystems.AdvisoryFormats.Cvss;

/// <summary>
/// Computes CVSS scores from vectors, for feeds that carry only the vector (OSV). v3.0/v3.1 per the
/// FIRST specification §7.1 with its Roundup; v2 per the v2 guide §3.2.1: temporal and environmental
/// metrics do not change the base score and are ignored. v4.0 per its specification §8.2
/// (<see cref="CvssV4Calculator"/>): the score of the vector as given, threat and environmental metrics included.
/// </summary>
internal static class CvssCalculator
{
    public static bool TryScore(string vector, out double score)
    {
        ArgumentNullException.ThrowIfNull(vector);
        score = 0;
        if (vector.StartsWith("CVSS:3.", StringComparison.Ordinal))
        {
            return TryV3(vector, out score);
        }

        if (vector.StartsWith("CVSS:4", StringComparison.Ordinal))
        {
            return CvssV4Calculator.TryScore(vector, out score);
        }

        return TryV2(vector.StartsWith('(') ? vector.Trim('(', ')') : vector, out score);
    }

    private static Dictionary<string, string> Metrics(string vector, int skip)
    {
        var metrics = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in vector.Split('/').Skip(skip))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                metrics[part[..colon]] = part[(colon + 1)..];
            }
        }

        return metrics;
    }

    private static bool TryV3(string vector, out double score)
    {
        score = 0;
        var m = Metrics(vector, 1);
        if (!m.TryGetValue("AV", out var av) || !m.TryGetValue("AC", out var ac) || !m.TryGetValue("PR", out var pr)
            || !m.TryGetValue("UI", out var ui) || !m.TryGetValue("S", out var s) || !m.TryGetValue("C", out var c)
            || !m.TryGetValue("I", out var i) || !m.TryGetValue("A", out var a))
        {
            return false;
        }

        var changed = s == "C";
        double? avW = av switch { "N" => 0.85, "A" => 0.62, "L" => 0.55, "P" => 0.2, _ => null };
        double? acW = ac switch { "L" => 0.77, "H" => 0.44, _ => null };
        double? prW = pr switch { "N" => 0.85, "L" => changed ? 0.68 : 0.62, "H" => changed ? 0.5 : 0.27, _ => null };
        double? uiW = ui switch { "N" => 0.85, "R" => 0.62, _ => null };
        double? Cia(string x) => x switch { "H" => 0.56, "L" => 0.22, "N" => 0.0, _ => null };
        if (avW is null || acW is null || prW is null || uiW is null || Cia(c) is not { } cW || Cia(i) is not { } iW || Cia(a) is not { } aW || s is not ("U" or "C"))
        {
            return false;
        }

        var iss = 1 - ((1 - cW) * (1 - iW) * (1 - aW));
        var impact = changed ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15)) : 6.42 * iss;
        var exploitability = 8.22 * avW.Value * acW.Value * prW.Value * uiW.Value;
        if (impact <= 0)
        {
            score = 0;
            return true;
        }

        var v31 = vector.StartsWith("CVSS:3.1", StringComparison.Ordinal);
        score = changed
            ? Roundup(Math.Min(1.08 * (impact + exploitability), 10), v31)
            : Roundup(Math.Min(impact + exploitability, 10), v31);
        return true;
    }

    private static double Roundup(double value, bool v31)
    {
        if (!v31)
        {
            return Math.Ceiling(value * 10) / 10;
        }

        // CVSS 3.1 Appendix A: integer arithmetic avoids floating-point surprises.
        var integer = (long)Math.Round(value * 100000);
        return integer % 10000 == 0 ? integer / 100000.0 : (Math.Floor(integer / 10000.0) + 1) / 10.0;
    }

    private static bool TryV2(string vector, out double score)
    {
        score = 0;
        var m = Metrics(vector, 0);
        if (!m.TryGetValue("AV", out var av) || !m.TryGetValue("AC", out var ac) || !m.TryGetValue("Au", out var au)
            || !m.TryGetValue("C", out var c) || !m.TryGetValue("I", out var i) || !m.TryGetValue("A", out var a))
        {
            return false;
        }

        double? avW = av switch { "L" => 0.395, "A" => 0.646, "N" => 1.0, _ => null };
        double? acW = ac switch { "H" => 0.35, "M" => 0.61, "L" => 0.71, _ => null };
        double? auW = au switch { "M" => 0.45, "S" => 0.56, "N" => 0.704, _ => null };
        double? Cia(string x) => x switch { "N" => 0.0, "P" => 0.275, "C" => 0.660, _ => null };
        if (avW is null || acW is null || auW is null || Cia(c) is not { } cW || Cia(i) is not { } iW || Cia(a) is not { } aW)
        {
            return false;
        }

        var impact = 10.41 * (1 - ((1 - cW) * (1 - iW) * (1 - aW)));
        var exploitability = 20 * avW.Value * acW.Value * auW.Value;
        var f = impact == 0 ? 0 : 1.176;
        score = Math.Round(((0.6 * impact) + (0.4 * exploitability) - 1.5) * f, 1, MidpointRounding.AwayFromZero);
        return true;
    }
}
