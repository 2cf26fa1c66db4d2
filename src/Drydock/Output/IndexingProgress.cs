using Drydock.Oci.Sources;
using Drydock.Scanning.Indexing;
using Spectre.Console;

namespace Drydock.Output;

/// <summary>
/// Shows the layer walk on standard error while an image is indexed: a progress bar on a terminal and, when
/// <c>plainLines</c> is set, one line per layer when standard error is redirected (a CI log).
/// </summary>
internal static class IndexingProgress
{
    public static async Task<ImageInventory> IndexAsync(ImageIndexer indexer, IImageSource source, bool plainLines, CancellationToken cancellationToken)
    {
        if (Console.IsErrorRedirected)
        {
            var plain = plainLines
                ? new InlineProgress<LayerProgress>(p =>
                {
                    if (p.State != LayerProgressState.Reading)
                    {
                        Console.Error.WriteLine($"layer {p.Index + 1}/{p.Count} {p.Digest}: {(p.State == LayerProgressState.Cached ? "from the cache" : "read")}");
                    }
                })
                : null;
            return await indexer.IndexAsync(source, plain, cancellationToken);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        ImageInventory? inventory = null;
        await console.Progress()
            .AutoClear(true)
            .StartAsync(async context =>
            {
                var task = context.AddTask($"indexing {source.Target}", maxValue: 1);
                var progress = new InlineProgress<LayerProgress>(p =>
                {
                    task.MaxValue = p.Count;
                    task.Description = $"layer {p.Index + 1}/{p.Count} {p.Digest[..Math.Min(p.Digest.Length, 19)]}";
                    if (p.State != LayerProgressState.Reading)
                    {
                        task.Increment(1);
                    }
                });
                inventory = await indexer.IndexAsync(source, progress, cancellationToken);
                task.Value = task.MaxValue;
            });
        return inventory!;
    }

    /// <summary>Reports synchronously on the calling thread (Progress&lt;T&gt; posts to the thread pool, which reorders lines).</summary>
    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
