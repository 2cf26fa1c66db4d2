using System.CommandLine;
using Drydock.Server;

namespace Drydock.Commands;

/// <summary>
/// <c>drydock serve [--data DIR] [--urls URL] [--config FILE] [--log-format text|json]</c>: runs the registry until Ctrl-C or SIGTERM,
/// letting requests in flight finish before it stops.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = $"The data directory (default {DrydockServerOptions.DefaultDataDirectory})." };
        var urls = new Option<string?>("--urls") { Description = $"Where to listen, ';'-separated (default {DrydockServerOptions.DefaultUrls})." };
        var config = new Option<string?>("--config") { Description = "A JSON settings file, e.g. {\"Registry\": {\"ExplicitNamespaces\": true}}." };
        var explicitNamespaces = new Option<bool>("--explicit-namespaces")
        {
            Description = "Refuse pushes into namespaces not created through POST /api/v1/namespaces.",
        };
        var logFormat = new Option<string?>("--log-format")
        {
            Description = "text (default) or json: one JSON object a line, with the trace id of the request.",
        };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var command = new Command("serve", "Run the Drydock registry.") { data, urls, config, explicitNamespaces, logFormat };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new DrydockServerOptions
            {
                DataDirectory = parseResult.GetValue(data),
                Urls = parseResult.GetValue(urls),
                ConfigFile = parseResult.GetValue(config),
                ExplicitNamespaces = parseResult.GetValue(explicitNamespaces) ? true : null,
                LogFormat = parseResult.GetValue(logFormat),
            };
            if (options.ConfigFile is { } configFile && !File.Exists(configFile))
            {
                await Console.Error.WriteLineAsync($"error: --config {configFile}: no such file.");
                return ExitCodes.Usage;
            }

            Microsoft.AspNetCore.Builder.WebApplication app;
            try
            {
                app = await DrydockServer.CreateAsync(options, cancellationToken);
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or InvalidOperationException or ArgumentException)
            {
                // A settings file that is not JSON, a value of the wrong type ("Concurrency": "lots"), a data directory
                // another server holds: one line that says which, not a stack trace.
                var reason = e.InnerException is { } inner && !e.Message.Contains(inner.Message, StringComparison.Ordinal) ? $" {inner.Message}" : string.Empty;
                await Console.Error.WriteLineAsync($"error: {e.Message}{reason}");
                return ExitCodes.Usage;
            }

            await using (app)
            {
                // The host handles SIGTERM and Ctrl-C itself: it stops accepting, drains, then returns.
                await app.RunAsync();
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
