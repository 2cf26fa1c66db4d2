using System.Text.Json;
using Drydock.Ecosystems.AdvisoryFormats.Csaf;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.AdvisoryFormats.Csaf;

public sealed class CsafVexParserTests
{
    [Fact]
    public void Parse_DeletedStub_GivesNothing()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(TestPaths.Shared("feeds", "redhat", "claircore-csaf", "cve-1999-0001-deleted.json")));

        Assert.Null(CsafVexParser.Parse(json, "redhat-vex", "cve-1999-0001-deleted.json"));
    }

    [Fact]
    public void Parse_DocumentWithoutTracking_FailsNamingTheFile()
    {
        using var json = JsonDocument.Parse("""{"document": {}}""");

        var error = Assert.Throws<MalformedRecordException>(() => CsafVexParser.Parse(json, "redhat-vex", "broken.json"));

        Assert.Contains("broken.json", error.Message, StringComparison.Ordinal);
    }
}
