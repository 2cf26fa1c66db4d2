using System.CommandLine;
using Drydock.Server;
using Microsoft.Extensions.Logging.Abstractions;

namespace Drydock.Commands;

/// <summary>
/// <c>drydock gc [--data DIR] [--dry-run]</c>: removes blobs no manifest references (older than the grace
/// period, --grace-seconds), printing each; with --dry-run prints what it would remove and removes nothing.
/// </summary>
internal static class GcCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = $"The data directory (default {DrydockServerOptions.DefaultDataDirectory})." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be removed; remove nothing." };
        var grace = new Option<int?>("--grace-seconds")
        {
            Description = "Keep unreferenced blobs younger than this, so pushes in progress keep their layers (default 3600).",
        };
        var command = new Command("gc", "Remove blobs that no manifest references.") { data, dryRun, grace };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var directory = parseResult.GetValue(data) ?? DrydockServerOptions.DefaultDataDirectory;
            var isDryRun = parseResult.GetValue(dryRun);
            var collector = await DrydockServer.CreateGarbageCollectorAsync(
                directory, parseResult.GetValue(grace) is { } seconds ? TimeSpan.FromSeconds(seconds) : null, NullLoggerFactory.Instance, cancellationToken);
            var report = await collector.RunAsync(isDryRun, cancellationToken);
            var verb = isDryRun ? "would remove" : "removed";
            foreach (var blob in report.Removed)
            {
                Console.WriteLine($"{verb} {blob.Digest} ({blob.Size} bytes)");
            }

            Console.WriteLine($"gc: {verb} {report.Removed.Count} blobs ({report.BytesRemoved} bytes); kept {report.Referenced} referenced and {report.TooRecent} recent");
            return 0;
        });
        return command;
    }
}
