using Drydock.Scanning.Abstractions.Advisories;

namespace Drydock.Scanning.Matching;

/// <summary>One statement in the match index: what a record says about one package, kept compact
/// (details are read from the store only for the records that match).</summary>
/// <param name="AdvisoryKey">The store key of the record.</param>
/// <param name="AdvisoryId">The record id.</param>
/// <param name="Source">The source name.</param>
/// <param name="Package">The statement.</param>
public sealed record MatchEntry(long AdvisoryKey, string AdvisoryId, string Source, AffectedPackage Package);
