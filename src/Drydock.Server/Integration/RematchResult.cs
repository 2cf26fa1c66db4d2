namespace Drydock.Server.Integration;

/// <summary>What matching the stored inventories again did.</summary>
/// <param name="Rematched">Artifacts matched again.</param>
/// <param name="WithNewFindings">Of those, artifacts that gained findings (each raised <c>vulnerabilities.new</c>).</param>
/// <param name="Skipped">Artifacts made with another detector set, left to re-indexing.</param>
public sealed record RematchResult(int Rematched, int WithNewFindings, int Skipped);
