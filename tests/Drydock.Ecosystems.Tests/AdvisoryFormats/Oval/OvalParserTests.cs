using System.Text;
using System.Xml.Linq;
using Drydock.Ecosystems.AdvisoryFormats.Oval;
using Drydock.Scanning.Abstractions.Advisories;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.AdvisoryFormats.Oval;

public sealed class OvalParserTests
{
    private static readonly string Fixture = TestPaths.Local("feeds", "oracle-oval", "com.oracle.elsa-fixture.xml");

    private static async Task<List<OvalDefinition>> ReadAsync(Stream stream)
    {
        var list = new List<OvalDefinition>();
        await foreach (var definition in OvalParser.ReadAsync(stream, "test", CancellationToken.None))
        {
            list.Add(definition);
        }

        return list;
    }

    private static Task<List<OvalDefinition>> ReadTextAsync(string xml) => ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(xml)));

    [ToolTheory("oscap")]
    [InlineData("oracle-oval", "com.oracle.elsa-fixture.xml")]
    [InlineData("suse-oval", "suse.linux.enterprise.server.15-fixture.xml")]
    public async Task Fixture_IsValidOvalToOpenScap(string folder, string file)
    {
        // OpenSCAP checks the hand-built fixtures against the OVAL 5 schemas, so their structure is the
        // standard's, not only what our parser accepts.
        var result = await ExternalTool.RunAsync("oscap", ["oval", "validate", TestPaths.Local("feeds", folder, file)], CancellationToken.None, check: false);

        Assert.True(result.ExitCode == 0, result.StandardError + result.StandardOutput);
    }

    [Fact]
    public async Task ReadAsync_OracleFixture_GivesEveryEarlierThanTestWithItsPlatform()
    {
        await using var file = File.OpenRead(Fixture);

        var definitions = await ReadAsync(file);

        // The expectation from the XML, walked here through test → object/state references: every rpminfo
        // test whose state is "evr less than" under a definition, with the release pattern of the
        // definition's "Oracle Linux N is installed" test.
        XNamespace oval = "http://oval.mitre.org/XMLSchema/oval-definitions-5";
        XNamespace linux = "http://oval.mitre.org/XMLSchema/oval-definitions-5#linux";
        var document = XDocument.Load(Fixture);
        var tests = document.Descendants(linux + "rpminfo_test").ToDictionary(t => (string)t.Attribute("id")!);
        var objects = document.Descendants(linux + "rpminfo_object").ToDictionary(o => (string)o.Attribute("id")!, o => o.Element(linux + "name")!.Value);
        var states = document.Descendants(linux + "rpminfo_state").ToDictionary(s => (string)s.Attribute("id")!);
        foreach (var element in document.Descendants(oval + "definition"))
        {
            var parsed = definitions.Single(d => d.Id == (string)element.Attribute("id")!);
            var expected = new SortedSet<string>(StringComparer.Ordinal);
            string? release = null;
            foreach (var testRef in element.Descendants(oval + "criterion").Select(c => (string)c.Attribute("test_ref")!).Where(tests.ContainsKey))
            {
                var test = tests[testRef];
                var name = objects[(string)test.Element(linux + "object")!.Attribute("object_ref")!];
                var state = states[(string)test.Element(linux + "state")!.Attribute("state_ref")!];
                if (state.Element(linux + "evr") is { } evr && (string?)evr.Attribute("operation") == "less than")
                {
                    expected.Add($"{name} {evr.Value}");
                }
                else if (state.Element(linux + "version") is { } version)
                {
                    release = $"{name} {(string?)version.Attribute("operation")} {version.Value}";
                }
            }

            Assert.Equal(expected, parsed.Fixes.Select(f => $"{f.Package} {f.Evr}").ToHashSet());
            Assert.All(parsed.Fixes, f => Assert.Equal(release, Assert.Single(f.Platform) is var p ? $"{p.Package} {p.Operation} {p.Value}" : null));
            Assert.Equal(element.Descendants(oval + "cve").Select(c => c.Value), parsed.Cves);
            Assert.Equal(element.Descendants(oval + "severity").Single().Value, parsed.Severity);
            Assert.Equal("patch", parsed.Class);
        }
    }

    [Fact]
    public async Task ReadAsync_TestNamingAMissingObject_FailsNamingTheDefinition()
    {
        var document = XDocument.Load(Fixture);
        XNamespace linux = "http://oval.mitre.org/XMLSchema/oval-definitions-5#linux";
        var curlMinimal = document.Descendants(linux + "rpminfo_object").Single(o => o.Element(linux + "name")!.Value == "curl-minimal");
        curlMinimal.Remove();

        var error = await Assert.ThrowsAsync<MalformedRecordException>(() => ReadTextAsync(document.ToString()));

        Assert.Equal("oval:com.oracle.elsa:def:20235763", error.Record);
    }

    [Fact]
    public async Task ReadAsync_Truncated_Fails()
    {
        var text = await File.ReadAllTextAsync(Fixture);

        var error = await Assert.ThrowsAsync<MalformedRecordException>(() => ReadTextAsync(text[..(text.Length / 2)]));

        Assert.StartsWith("after ", error.Record, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_NotOval_Fails()
    {
        await Assert.ThrowsAsync<MalformedRecordException>(() => ReadTextAsync("<updates/>"));
    }

    [Fact]
    public async Task ReadAsync_NegatedCriterion_DecidesNothing()
    {
        const string xml = """
            <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5" xmlns:l="http://oval.mitre.org/XMLSchema/oval-definitions-5#linux">
              <definitions>
                <definition id="oval:x:def:1" class="patch"><metadata><title>t</title></metadata>
                  <criteria operator="AND">
                    <criterion test_ref="oval:x:tst:1" negate="true"/>
                    <criterion test_ref="oval:x:tst:2"/>
                  </criteria>
                </definition>
              </definitions>
              <tests>
                <l:rpminfo_test id="oval:x:tst:1" check="at least one"><l:object object_ref="oval:x:obj:1"/><l:state state_ref="oval:x:ste:1"/></l:rpminfo_test>
                <l:rpminfo_test id="oval:x:tst:2" check="at least one"><l:object object_ref="oval:x:obj:2"/><l:state state_ref="oval:x:ste:1"/></l:rpminfo_test>
              </tests>
              <objects>
                <l:rpminfo_object id="oval:x:obj:1"><l:name>a</l:name></l:rpminfo_object>
                <l:rpminfo_object id="oval:x:obj:2"><l:name>b</l:name></l:rpminfo_object>
              </objects>
              <states>
                <l:rpminfo_state id="oval:x:ste:1"><l:evr datatype="evr_string" operation="less than">0:2-1</l:evr></l:rpminfo_state>
              </states>
            </oval_definitions>
            """;

        var definition = Assert.Single(await ReadTextAsync(xml));

        Assert.Equal(["b 0:2-1"], definition.Fixes.Select(f => $"{f.Package} {f.Evr}"));
    }
}
