using System.Xml.Linq;
using Drydock.Testing;

namespace Drydock.Data.Tests.Sources;

/// <summary>The advisory-source conformance suite on Oracle Linux OVAL: the fixture, bzip2-compressed by
/// bzip2 where Oracle publishes it.</summary>
public sealed class OracleOvalSourceConformanceTests : AdvisorySourceConformanceTests
{
    private string Document => Path.Combine(MirrorRoot, "linux.oracle.com", "security", "oval", "com.oracle.elsa-all.xml");

    protected override string SourceName => "oracle-oval";

    protected override string BrokenRecord => "oval:com.oracle.elsa:def:20235763";

    protected override Task WriteMirrorAsync(CancellationToken cancellationToken) =>
        PublishAsync(XDocument.Load(TestPaths.Local("feeds", "oracle-oval", "com.oracle.elsa-fixture.xml")), cancellationToken);

    // The object of curl-minimal (named only by ELSA-2023-5763's tests) goes missing.
    protected override Task BreakOneRecordAsync(CancellationToken cancellationToken)
    {
        var document = XDocument.Load(TestPaths.Local("feeds", "oracle-oval", "com.oracle.elsa-fixture.xml"));
        XNamespace linux = "http://oval.mitre.org/XMLSchema/oval-definitions-5#linux";
        document.Descendants(linux + "rpminfo_object").Single(o => o.Element(linux + "name")!.Value == "curl-minimal").Remove();
        return PublishAsync(document, cancellationToken);
    }

    private async Task PublishAsync(XDocument document, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Document)!);
        File.Delete(Document + ".bz2");
        await File.WriteAllTextAsync(Document, document.ToString(), cancellationToken);
        await ExternalTool.RunAsync("bzip2", [Document], cancellationToken);
    }
}
