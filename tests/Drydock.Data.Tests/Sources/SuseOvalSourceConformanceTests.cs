using System.Xml.Linq;
using Drydock.Testing;

namespace Drydock.Data.Tests.Sources;

/// <summary>The advisory-source conformance suite on SUSE OVAL: the SLES 15 fixture gzip-compressed where
/// SUSE publishes it, the other product files as empty definition sets.</summary>
public sealed class SuseOvalSourceConformanceTests : AdvisorySourceConformanceTests
{
    private string Folder => Path.Combine(MirrorRoot, "ftp.suse.com", "pub", "projects", "security", "oval");

    protected override string SourceName => "suse-oval";

    protected override string BrokenRecord => "oval:org.opensuse.security:def:202338545";

    protected override async Task WriteMirrorAsync(CancellationToken cancellationToken)
    {
        await PublishAsync("suse.linux.enterprise.server.15.xml", XDocument.Load(TestPaths.Local("feeds", "suse-oval", "suse.linux.enterprise.server.15-fixture.xml")), cancellationToken);
        XNamespace oval = "http://oval.mitre.org/XMLSchema/oval-definitions-5";
        foreach (var other in new[] { "suse.linux.enterprise.server.12.xml", "opensuse.leap.15.5.xml", "opensuse.leap.15.6.xml" })
        {
            await PublishAsync(other, new XDocument(new XElement(oval + "oval_definitions")), cancellationToken);
        }
    }

    // The object of libcurl4 (named only by CVE-2023-38545's tests) goes missing.
    protected override Task BreakOneRecordAsync(CancellationToken cancellationToken)
    {
        var document = XDocument.Load(TestPaths.Local("feeds", "suse-oval", "suse.linux.enterprise.server.15-fixture.xml"));
        XNamespace linux = "http://oval.mitre.org/XMLSchema/oval-definitions-5#linux";
        document.Descendants(linux + "rpminfo_object").Single(o => o.Element(linux + "name")!.Value == "libcurl4").Remove();
        return PublishAsync("suse.linux.enterprise.server.15.xml", document, cancellationToken);
    }

    private async Task PublishAsync(string name, XDocument document, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name);
        File.Delete(path + ".gz");
        await File.WriteAllTextAsync(path, document.ToString(), cancellationToken);
        await ExternalTool.RunAsync("gzip", [path], cancellationToken);
    }
}
