using System.Text.Json.Nodes;
using Drydock.Commands;

namespace Drydock.Tests.Commands;

/// <summary>The two commands a distribution's end-to-end test runs: <c>drydock db update --source S
/// --from MIRROR</c> into a fresh database, then <c>drydock scan TARGET --format json --exit-code 3</c>.</summary>
internal static class MirrorScan
{
    public static async Task<(int ExitCode, JsonNode Report)> RunAsync(string database, string source, string mirror, string target, CancellationToken cancellationToken)
    {
        using (var updateOutput = new StringWriter())
        {
            var updated = await DbCommand.UpdateAsync(database, [source], mirror, updateOutput, cancellationToken);
            Assert.True(updated == 0, updateOutput.ToString());
        }

        using var output = new StringWriter();
        var code = await ScanCommand.RunAsync(
            new ScanCommand.Settings(target, "json", null, false, 3, null, false, database, null, null, true, null), output, cancellationToken);
        return (code, JsonNode.Parse(output.ToString())!);
    }
}
