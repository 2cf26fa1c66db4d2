namespace Drydock.Scanning.Abstractions.Advisories;

/// <summary>Why a finding exists: one feed statement and the comparison that decided it.</summary>
/// <param name="Source">The advisory source (feed) name.</param>
/// <param name="RecordId">The record id in that feed.</param>
/// <param name="Package">The package name the statement is about (a source package for Debian).</param>
/// <param name="Distribution">The distribution key of the statement, e.g. "debian:12"; null for language packages.</param>
/// <param name="Statement">The range or fixed version as the feed states it, e.g. "fixed in 1.1.1d-r0" or "[2.13.0, 2.15.0)".</param>
/// <param name="InstalledVersion">The version that was compared.</param>
/// <param name="Decision">The comparison that decided it, e.g. "1.1.1c-r0 &lt; 1.1.1d-r0 by apk ordering: affected".</param>
public sealed record FindingEvidence(string Source, string RecordId, string Package, string? Distribution, string Statement, string InstalledVersion, string Decision);
