namespace Drydock.Ecosystems.AdvisoryFormats.Cvss;

/// <summary>
/// CVSS v4.0 scores as FIRST's specification (§8.2, "CVSS v4.0 Scoring") computes them: the vector's
/// macro vector (equivalence sets EQ1–EQ6) gives a score from <see cref="CvssV4MacroVectorScores"/>, from
/// which the mean proportional severity distance to the next lower macro vectors is taken away. The score
/// is that of the vector as given: threat (E) and environmental (CR/IR/AR, M*) metrics take part when the
/// vector carries them, which makes it a CVSS-BT, -BE or -BTE score rather than CVSS-B.
/// </summary>
internal static class CvssV4Calculator
{
    private const string Prefix = "CVSS:4.0/";

    // Every metric in the order §7 of the specification lists them (a vector must keep that order), with its
    // allowed values. The base metrics are the first eleven and are mandatory; the rest default to X.
    private static readonly (string Name, string[] Values)[] Metrics =
    [
        ("AV", ["N", "A", "L", "P"]), ("AC", ["L", "H"]), ("AT", ["N", "P"]), ("PR", ["N", "L", "H"]), ("UI", ["N", "P", "A"]),
        ("VC", ["H", "L", "N"]), ("VI", ["H", "L", "N"]), ("VA", ["H", "L", "N"]),
        ("SC", ["H", "L", "N"]), ("SI", ["H", "L", "N"]), ("SA", ["H", "L", "N"]),
        ("E", ["X", "A", "P", "U"]),
        ("CR", ["X", "H", "M", "L"]), ("IR", ["X", "H", "M", "L"]), ("AR", ["X", "H", "M", "L"]),
        ("MAV", ["X", "N", "A", "L", "P"]), ("MAC", ["X", "L", "H"]), ("MAT", ["X", "N", "P"]), ("MPR", ["X", "N", "L", "H"]), ("MUI", ["X", "N", "P", "A"]),
        ("MVC", ["X", "H", "L", "N"]), ("MVI", ["X", "H", "L", "N"]), ("MVA", ["X", "H", "L", "N"]),
        ("MSC", ["X", "H", "L", "N"]), ("MSI", ["X", "S", "H", "L", "N"]), ("MSA", ["X", "S", "H", "L", "N"]),
        ("S", ["X", "N", "P"]), ("AU", ["X", "N", "Y"]), ("R", ["X", "A", "U", "I"]), ("V", ["X", "D", "C"]),
        ("RE", ["X", "L", "M", "H"]), ("U", ["X", "Clear", "Green", "Amber", "Red"]),
    ];

    private const int BaseCount = 11;
    private const int FirstSupplemental = 26;

    // Severity levels per metric for the severity distance (0 = most severe), as in the reference calculator.
    // SC has no S; SI and SA reach S only through MSI/MSA.
    private static readonly Dictionary<string, string> Levels = new(StringComparer.Ordinal)
    {
        ["AV"] = "NALP", ["PR"] = "NLH", ["UI"] = "NPA", ["AC"] = "LH", ["AT"] = "NP",
        ["VC"] = "HLN", ["VI"] = "HLN", ["VA"] = "HLN", ["SC"] = "_HLN", ["SI"] = "SHLN", ["SA"] = "SHLN",
        ["CR"] = "HML", ["IR"] = "HML", ["AR"] = "HML",
    };

    // The highest-severity vectors of each level of each equivalence set (the reference's max_composed);
    // EQ3 is given jointly with EQ6, keyed by "EQ3 EQ6".
    private static readonly string[][] Eq1Maxes = [["AV:N/PR:N/UI:N"], ["AV:A/PR:N/UI:N", "AV:N/PR:L/UI:N", "AV:N/PR:N/UI:P"], ["AV:P/PR:N/UI:N", "AV:A/PR:L/UI:P"]];
    private static readonly string[][] Eq2Maxes = [["AC:L/AT:N"], ["AC:H/AT:N", "AC:L/AT:P"]];
    private static readonly Dictionary<string, string[]> Eq3Eq6Maxes = new(StringComparer.Ordinal)
    {
        ["00"] = ["VC:H/VI:H/VA:H/CR:H/IR:H/AR:H"],
        ["01"] = ["VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M"],
        ["10"] = ["VC:L/VI:H/VA:H/CR:H/IR:H/AR:H", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H"],
        ["11"] = ["VC:L/VI:H/VA:L/CR:H/IR:M/AR:H", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M", "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M", "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H", "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M"],
        ["21"] = ["VC:L/VI:L/VA:L/CR:H/IR:H/AR:H"],
    };

    private static readonly string[][] Eq4Maxes = [["SC:H/SI:S/SA:S"], ["SC:H/SI:H/SA:H"], ["SC:L/SI:L/SA:L"]];

    // The depth of each level (the largest severity distance within it, plus one), per the reference's max_severity.
    private static readonly int[] Eq1Depth = [1, 4, 5];
    private static readonly int[] Eq2Depth = [1, 2];
    private static readonly Dictionary<string, int> Eq3Eq6Depth = new(StringComparer.Ordinal) { ["00"] = 7, ["01"] = 6, ["10"] = 8, ["11"] = 8, ["21"] = 10 };
    private static readonly int[] Eq4Depth = [6, 5, 4];

    private static readonly string[] ImpactMetrics = ["VC", "VI", "VA", "SC", "SI", "SA"];

    /// <summary>Scores a <c>CVSS:4.0/…</c> vector; false when it is not a valid v4.0 vector.</summary>
    public static bool TryScore(string vector, out double score)
    {
        score = 0;
        if (!TryParse(vector, out var selected))
        {
            return false;
        }

        score = Score(selected);
        return true;
    }

    private static bool TryParse(string vector, out string?[] selected)
    {
        selected = new string?[Metrics.Length];
        if (!vector.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var last = -1;
        foreach (var part in vector[Prefix.Length..].Split('/'))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return false;
            }

            var name = part[..colon];
            var value = part[(colon + 1)..];

            // Metrics keep the specification's order and appear once: a later index than the last one seen.
            var index = Array.FindIndex(Metrics, last + 1, m => m.Name == name);
            if (index < 0 || !Metrics[index].Values.Contains(value, StringComparer.Ordinal))
            {
                return false;
            }

            selected[index] = value;
            last = index;
        }

        for (var i = 0; i < BaseCount; i++)
        {
            if (selected[i] is null)
            {
                return false;
            }
        }

        return true;
    }

    private static double Score(string?[] selected)
    {
        var effective = Effective(selected);
        string M(string metric) => effective[metric];

        if (ImpactMetrics.All(metric => M(metric) == "N"))
        {
            return 0;
        }

        var eq1 = (M("AV"), M("PR"), M("UI")) switch
        {
            ("N", "N", "N") => 0,
            (var av, var pr, var ui) when (av == "N" || pr == "N" || ui == "N") && av != "P" => 1,
            _ => 2,
        };
        var eq2 = M("AC") == "L" && M("AT") == "N" ? 0 : 1;
        var eq3 = M("VC") == "H" && M("VI") == "H" ? 0 : M("VC") == "H" || M("VI") == "H" || M("VA") == "H" ? 1 : 2;
        var eq4 = M("SI") == "S" || M("SA") == "S" ? 0 : M("SC") == "H" || M("SI") == "H" || M("SA") == "H" ? 1 : 2;
        var eq5 = M("E") switch { "A" => 0, "P" => 1, _ => 2 };
        var eq6 = (M("CR") == "H" && M("VC") == "H") || (M("IR") == "H" && M("VI") == "H") || (M("AR") == "H" && M("VA") == "H") ? 0 : 1;

        var value = Lookup(eq1, eq2, eq3, eq4, eq5, eq6);

        // The maximal scoring difference towards the next lower macro vector of each set (NaN where there is none).
        // EQ3 and EQ6 move together: 00 has two lower neighbours (01, 10) and the higher-scoring one counts.
        var eq3Eq6Lower = (eq3, eq6) switch
        {
            (0, 0) => MaxOrRight(Lookup(eq1, eq2, eq3, eq4, eq5, eq6 + 1), Lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6)),
            (0 or 1, 1) => Lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6),
            (1, 0) => Lookup(eq1, eq2, eq3, eq4, eq5, eq6 + 1),
            _ => double.NaN,
        };
        double[] available =
        [
            value - Lookup(eq1 + 1, eq2, eq3, eq4, eq5, eq6),
            value - Lookup(eq1, eq2 + 1, eq3, eq4, eq5, eq6),
            value - eq3Eq6Lower,
            value - Lookup(eq1, eq2, eq3, eq4 + 1, eq5, eq6),
            value - Lookup(eq1, eq2, eq3, eq4, eq5 + 1, eq6),
        ];

        // The severity distance of the vector from the first highest-severity vector of its macro vector that is
        // at least as severe in every metric (the last one when none is).
        var eq3Eq6 = $"{eq3}{eq6}";
        Dictionary<string, int> distance = [];
        foreach (var max in Compose(Eq1Maxes[eq1], Eq2Maxes[eq2], Eq3Eq6Maxes[eq3Eq6], Eq4Maxes[eq4]))
        {
            distance = Levels.Keys.ToDictionary(metric => metric, metric => Level(metric, M(metric)) - Level(metric, max[metric]), StringComparer.Ordinal);
            if (distance.Values.All(d => d >= 0))
            {
                break;
            }
        }

        int Sum(params string[] metrics) => metrics.Sum(metric => distance[metric]);
        double[] proportion =
        [
            (double)Sum("AV", "PR", "UI") / Eq1Depth[eq1],
            (double)Sum("AC", "AT") / Eq2Depth[eq2],
            (double)Sum("VC", "VI", "VA", "CR", "IR", "AR") / Eq3Eq6Depth[eq3Eq6],
            (double)Sum("SC", "SI", "SA") / Eq4Depth[eq4],
            0, // EQ5's levels each hold one value: no distance within them.
        ];

        var existing = 0;
        var total = 0.0;
        for (var i = 0; i < available.Length; i++)
        {
            if (!double.IsNaN(available[i]))
            {
                existing++;
                total += available[i] * proportion[i];
            }
        }

        value -= existing == 0 ? 0 : total / existing;
        value = Math.Clamp(value, 0, 10);

        // Rounded half up to one decimal; the small epsilon keeps x.x5 from falling to x.x4999… in binary.
        return Math.Round((value + 1e-6) * 10, MidpointRounding.AwayFromZero) / 10;
    }

    // A JavaScript-style "a > b ? a : b" as the reference calculator compares: a missing (NaN) left never wins.
    private static double MaxOrRight(double left, double right) => left > right ? left : right;

    private static double Lookup(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6) =>
        CvssV4MacroVectorScores.Of($"{eq1}{eq2}{eq3}{eq4}{eq5}{eq6}");

    private static int Level(string metric, string value) => Levels[metric].IndexOf(value, StringComparison.Ordinal);

    // The value each metric takes for scoring: a modified metric other than X replaces its base metric; E, CR,
    // IR and AR left at X count as their most severe value (A, H).
    private static Dictionary<string, string> Effective(string?[] selected)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < FirstSupplemental; i++)
        {
            values[Metrics[i].Name] = selected[i] ?? "X";
        }

        for (var i = 0; i < BaseCount; i++)
        {
            var name = Metrics[i].Name;
            if (values["M" + name] is not "X" and var modified)
            {
                values[name] = modified;
            }
        }

        values["E"] = values["E"] == "X" ? "A" : values["E"];
        foreach (var requirement in new[] { "CR", "IR", "AR" })
        {
            values[requirement] = values[requirement] == "X" ? "H" : values[requirement];
        }

        return values;
    }

    private static IEnumerable<Dictionary<string, string>> Compose(string[] eq1, string[] eq2, string[] eq3Eq6, string[] eq4)
    {
        foreach (var a in eq1)
        {
            foreach (var b in eq2)
            {
                foreach (var c in eq3Eq6)
                {
                    foreach (var d in eq4)
                    {
                        yield return $"{a}/{b}/{c}/{d}".Split('/').Select(p => p.Split(':')).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
                    }
                }
            }
        }
    }
}
