using Drydock.Ecosystems.AdvisoryFormats.Epss;
using Drydock.Ecosystems.AdvisoryFormats.Kev;
using Drydock.Ecosystems.AdvisoryFormats.Nvd;
using Drydock.Scanning.Abstractions.Advisories;

namespace Drydock.Ecosystems.AdvisoryFormats;

/// <summary>The sources that belong to no ecosystem and enrich every finding: NVD (descriptions, CWE,
/// CVSS), CISA KEV and EPSS. Hosts add them beside the ecosystems' own sources.</summary>
public static class EnrichmentSources
{
    /// <summary>Every enrichment source.</summary>
    public static IReadOnlyList<IAdvisorySource> All { get; } = [new NvdSource(), new KevSource(), new EpssSource()];
}
