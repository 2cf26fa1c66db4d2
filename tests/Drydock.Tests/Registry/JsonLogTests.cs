using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Drydock.Testing;
using Drydock.Testing.Registries;

namespace Drydock.Tests.Registry;

public sealed class JsonLogTests
{
    [Fact]
    public async Task Serve_LogFormatJson_EveryLineIsJsonAndRequestLinesCarryTheTraceId()
    {
        using var data = new TempDirectory("drydock-jsonlog");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var registry = await RegistryProcess.StartAsync(
            RegistryImplementation.Drydock, data.Path, RegistryProcess.FreePort(), timeout.Token, new Dictionary<string, string> { ["Telemetry__LogFormat"] = "json" });
        using var client = new HttpClient { BaseAddress = registry.BaseAddress };
        using (var created = await client.PostAsJsonAsync("/api/v1/namespaces", new { name = "logs" }, timeout.Token))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // The caller's W3C trace context is continued, so its trace id is the one in the log line.
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/namespaces/logs/retention?dryRun=true");
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
        using (var response = await client.SendAsync(request, timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await registry.StopAsync(TimeSpan.FromSeconds(30), timeout.Token);
        var lines = registry.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var entries = lines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        var retention = entries.Single(e => e.GetProperty("EventId").GetInt32() == 4702);
        var scopes = retention.GetProperty("Scopes").EnumerateArray().ToList();
        Assert.Contains(scopes, s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out var id) && id.GetString() == traceId);
        Assert.Contains(entries, e => e.GetProperty("EventId").GetInt32() == 4001);
    }
}
