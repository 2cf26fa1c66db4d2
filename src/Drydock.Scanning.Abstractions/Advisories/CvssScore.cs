namespace Drydock.Scanning.Abstractions.Advisories;

/// <summary>A CVSS vector with its base score, and who assigned it.</summary>
/// <param name="Version">"2.0", "3.0", "3.1" or "4.0".</param>
/// <param name="Vector">The vector string.</param>
/// <param name="BaseScore">The base score, 0–10.</param>
/// <param name="Source">Who scored it, e.g. "nvd", "ghsa", "redhat".</param>
public sealed record CvssScore(string Version, string Vector, double BaseScore, string Source);
