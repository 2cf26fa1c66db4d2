using Drydock.Testing;

namespace Drydock.Data.Tests.Sources;

/// <summary>The advisory-source conformance suite on the Debian security tracker, with its real JSON sample.</summary>
public sealed class DebianTrackerSourceConformanceTests : AdvisorySourceConformanceTests
{
    private string Document => Path.Combine(MirrorRoot, "security-tracker.debian.org", "tracker", "data", "json");

    protected override string SourceName => "debian-tracker";

    protected override string BrokenRecord => "unknown status 'exploded'";

    protected override Task WriteMirrorAsync(CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Document)!);
        File.Copy(TestPaths.Shared("feeds", "debian-tracker", "tracker-json", "debian.json"), Document);
        return Task.CompletedTask;
    }

    protected override async Task BreakOneRecordAsync(CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(Document, cancellationToken);
        var last = text.LastIndexOf("\"status\": \"resolved\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Document, text[..last] + "\"status\": \"exploded\"" + text[(last + "\"status\": \"resolved\"".Length)..], cancellationToken);
    }
}
