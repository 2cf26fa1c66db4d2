using Drydock.Scanning.Abstractions.Advisories;

namespace Drydock.Scanning.Advisories;

/// <summary>One package statement as stored, with the record it belongs to; also the match index's entry,
/// kept compact (a record's details are read from the store only for the statements that match).</summary>
/// <param name="AdvisoryKey">The store's key of the record (for <see cref="IAdvisoryStore.GetAdvisoriesAsync"/>).</param>
/// <param name="AdvisoryId">The record id in its feed.</param>
/// <param name="Source">The source name.</param>
/// <param name="Package">The statement.</param>
public sealed record StoredAffected(long AdvisoryKey, string AdvisoryId, string Source, AffectedPackage Package);
