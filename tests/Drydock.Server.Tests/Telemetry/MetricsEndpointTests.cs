using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Drydock.Testing;

namespace Drydock.Server.Tests.Telemetry;

public sealed partial class MetricsEndpointTests
{
    [ToolFact("promtool")]
    public async Task Metrics_AfterPushAndPull_PromtoolParsesAndCountsTheBytes()
    {
        await using var server = await RunningServer.StartAsync();
        var repository = RegistryClient.NewRepository();
        var manifest = await server.Client.PushImageAsync(repository, "1.0");
        using (var pulled = await server.Client.GetManifestAsync(repository, "1.0", RegistryClient.OciManifest))
        {
            Assert.Equal(HttpStatusCode.OK, pulled.StatusCode);
        }

        var text = await ScrapeAsync(server);

        // promtool parses the exposition with Prometheus's own parser and lints the names (counters end in _total,
        // units are base units, every family has HELP); it exits non-zero on any problem.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var check = await ExternalTool.RunAsync("promtool", ["check", "metrics"], timeout.Token, standardInput: text, check: false);
        Assert.True(check.ExitCode == 0, $"promtool: {check.StandardOutput}{check.StandardError}\n{text}");

        Assert.True(Value(text, "drydock_registry_pushed_bytes_total") >= manifest.Length, text);
        Assert.True(Value(text, "drydock_registry_pulled_bytes_total") >= manifest.Length, text);
        Assert.True(RequestSeries().IsMatch(text), string.Join('\n', text.Split('\n').Where(l => l.StartsWith("http_server_request_duration_seconds_count", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Metrics_TurnedOff_Answers404()
    {
        await using var server = await RunningServer.StartAsync(settings: new Dictionary<string, string?> { ["Telemetry:Metrics"] = "false" });
        using var response = await server.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<string> ScrapeAsync(RunningServer server)
    {
        using var response = await server.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static double Value(string exposition, string series)
    {
        var line = exposition.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal) || l.StartsWith(series + "{", StringComparison.Ordinal));
        Assert.True(line is not null, $"no {series} in\n{exposition}");
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    // The manifest GET shows up under its route, resource and status on ASP.NET Core's request histogram.
    [GeneratedRegex("""^http_server_request_duration_seconds_count\{.*drydock_registry_resource="manifest",http_request_method="GET",http_response_status_code="200",http_route="/v2/\{\*\*path\}".*\} [1-9]""", RegexOptions.Multiline)]
    private static partial Regex RequestSeries();
}
