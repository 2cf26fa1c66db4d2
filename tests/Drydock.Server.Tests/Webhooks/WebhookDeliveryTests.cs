using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Drydock.Server.Tests.Integration;
using Drydock.Server.Tests.Updates;
using Drydock.Testing;
using Drydock.Testing.Registries;
using Microsoft.AspNetCore.Http;

namespace Drydock.Server.Tests.Webhooks;

/// <summary>
/// Deliveries to a real HTTP receiver on 127.0.0.1, which checks each signature itself with HMAC-SHA256 from
/// System.Security.Cryptography; events come from real scans of images pushed with skopeo and from real updates.
/// </summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private const string Secret = "receiver-shared-secret-0123456789";

    private LocalHttpServer _receiver = null!;

    public async Task InitializeAsync() => _receiver = await LocalHttpServer.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [ToolFact(Skopeo.Program)]
    public async Task ScanCompleted_AutoScannedPush_SignedEventReachesTheReceiver()
    {
        await using var server = await RunningServer.StartAsync(settings: Fast());
        var webhook = await PushWithWebhookAsync(server, "hooks");

        var request = await WaitForRequestsAsync(1);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/hook", request.PathAndQuery);
        Assert.Equal(ExpectedSignature(request.Body), request.Headers["X-Drydock-Signature"]);
        Assert.Equal("scan.completed", request.Headers["X-Drydock-Event"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("scan.completed", body.GetProperty("event").GetString());
        Assert.Equal("hooks", body.GetProperty("namespace").GetString());
        var data = body.GetProperty("data");
        Assert.Equal("hooks/alpine", data.GetProperty("repository").GetString());
        Assert.Equal("NoDatabase", data.GetProperty("status").GetString());
        Assert.Equal(14, data.GetProperty("summary").GetProperty("platforms")[0].GetProperty("packages").GetInt32());
        var delivery = (await WaitForDeliveryAsync(server, "hooks", webhook, "Delivered"));
        Assert.Equal(request.Headers["X-Drydock-Delivery"], delivery.GetProperty("id").GetString());
        Assert.Equal(1, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(200, delivery.GetProperty("statusCode").GetInt32());
    }

    [ToolFact(Skopeo.Program)]
    public async Task Delivery_ReceiverFailsTwice_RetriedWithTheSameSignedBodyUntilDelivered()
    {
        var answered = 0;
        _receiver.Handler = (context, _) =>
        {
            context.Response.StatusCode = Interlocked.Increment(ref answered) <= 2 ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
            return Task.CompletedTask;
        };
        await using var server = await RunningServer.StartAsync(settings: Fast());
        var webhook = await PushWithWebhookAsync(server, "flaky");

        var delivery = await WaitForDeliveryAsync(server, "flaky", webhook, "Delivered");
        Assert.Equal(3, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(200, delivery.GetProperty("statusCode").GetInt32());
        Assert.Equal("HTTP 500 Internal Server Error", delivery.GetProperty("lastError").GetString());
        var requests = _receiver.Received.ToList();
        Assert.Equal(3, requests.Count);
        Assert.Single(requests.Select(r => r.Headers["X-Drydock-Delivery"]).Distinct());
        Assert.Single(requests.Select(r => Convert.ToHexString(r.Body)).Distinct());
        Assert.All(requests, r => Assert.Equal(ExpectedSignature(r.Body), r.Headers["X-Drydock-Signature"]));
    }

    [ToolFact(Skopeo.Program)]
    public async Task Delivery_ReceiverNeverSucceeds_FailedAfterMaxAttempts()
    {
        _receiver.Handler = async (context, _) =>
        {
            // The first answer comes too late (after the attempt's timeout), the second is an error.
            if (_receiver.Received.Count == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        };
        var settings = Fast();
        settings["Webhooks:MaxAttempts"] = "2";
        settings["Webhooks:Timeout"] = "00:00:00.500";
        await using var server = await RunningServer.StartAsync(settings: settings);
        var webhook = await PushWithWebhookAsync(server, "down");

        var delivery = await WaitForDeliveryAsync(server, "down", webhook, "Failed");
        Assert.Equal(2, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(503, delivery.GetProperty("statusCode").GetInt32());
        Assert.Equal(2, _receiver.Received.Count);
    }

    [ToolFact(Skopeo.Program)]
    public async Task Outbox_ServerRestartsWithADeliveryPending_DeliveredAfterTheRestart()
    {
        var up = false;
        _receiver.Handler = (context, _) =>
        {
            context.Response.StatusCode = Volatile.Read(ref up) ? StatusCodes.Status200OK : StatusCodes.Status502BadGateway;
            return Task.CompletedTask;
        };
        var settings = Fast();
        settings["Webhooks:RetryBaseDelay"] = "00:00:01";
        var server = await RunningServer.StartAsync(settings: settings);
        var webhook = await PushWithWebhookAsync(server, "durable");
        await WaitForRequestsAsync(1);
        await server.StopAsync();

        Volatile.Write(ref up, true);
        await using var restarted = await RunningServer.StartAsync(data: server.Data, settings: settings);

        var delivery = await WaitForDeliveryAsync(restarted, "durable", webhook, "Delivered");
        Assert.True(delivery.GetProperty("attempts").GetInt32() >= 2);
        Assert.Equal("HTTP 502 Bad Gateway", delivery.GetProperty("lastError").GetString());
    }

    [ToolFact(Skopeo.Program)]
    public async Task Delivery_HostNameResolvingToLoopbackNotAllowed_RefusedCoarselyAndNothingSent()
    {
        // "localhost" passes registration (a name is judged when connecting) and resolves to loopback, which this
        // server does not allow: the connect step refuses, so the receiver on 127.0.0.1 gets nothing.
        var settings = Fast();
        settings.Remove("Webhooks:AllowedPrivateNetworks:0");
        settings["Webhooks:MaxAttempts"] = "1";
        await using var server = await RunningServer.StartAsync(settings: settings);
        await ScanApi.PatchNamespaceAsync(server.Client, "inward", """{"autoScan": true}""");
        var url = new UriBuilder(_receiver.Address) { Host = "localhost", Path = "/api/v1/db/update" }.Uri;
        using var created = await server.Client.PostAsJsonAsync("/api/v1/namespaces/inward/webhooks", new { url, events = new[] { "scan.completed" }, secret = Secret });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var webhook = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await Skopeo.CopyAsync($"docker-archive:{ScanApi.AlpineArchive}", $"docker://{server.Address.Authority}/inward/alpine:3.10", CancellationToken.None);

        var delivery = await WaitForDeliveryAsync(server, "inward", webhook, "Failed");

        Assert.Equal("connection refused or blocked", delivery.GetProperty("lastError").GetString());
        Assert.True(!delivery.TryGetProperty("statusCode", out var code) || code.ValueKind == JsonValueKind.Null, delivery.ToString());
        Assert.Empty(_receiver.Received);
    }

    [ToolFact(Skopeo.Program)]
    public async Task VulnerabilitiesNew_UpdateAddsAFinding_EventNamesItWithBothSummaries()
    {
        using var mirror = new TempDirectory("drydock-mirror");
        AlpineFeedMirror.Write(mirror.Path, "community.yaml");
        var settings = UpdateApi.Settings(mirror.Path);
        settings["Webhooks:AllowedPrivateNetworks:0"] = "127.0.0.0/8";
        await using var server = await RunningServer.StartAsync(settings: settings);
        await UpdateApi.RunAsync(server.Client);
        await ScanApi.PatchNamespaceAsync(server.Client, "watched", """{"autoScan": true}""");
        var webhook = await CreateAsync(server, "watched", "vulnerabilities.new");
        await UpdateApi.PushOldMuslAsync(server, "watched/alpine");
        await ScanApi.WaitForArtifactAsync(server.Client, "watched/alpine", "old");

        AlpineFeedMirror.Write(mirror.Path, "main.yaml");
        var update = await UpdateApi.RunAsync(server.Client);

        Assert.Equal(1, update.GetProperty("withNewFindings").GetInt32());
        var request = await WaitForRequestsAsync(1);
        Assert.Equal("vulnerabilities.new", request.Headers["X-Drydock-Event"]);
        Assert.Equal(ExpectedSignature(request.Body), request.Headers["X-Drydock-Signature"]);
        var data = JsonDocument.Parse(request.Body).RootElement.GetProperty("data");
        Assert.Equal("watched/alpine", data.GetProperty("repository").GetString());
        var finding = Assert.Single(data.GetProperty("newFindings").EnumerateArray().ToList());
        Assert.Equal("CVE-2019-14697", finding.GetProperty("id").GetString());
        Assert.Equal("musl", finding.GetProperty("package").GetString());
        Assert.Equal("1.1.20-r0", finding.GetProperty("installedVersion").GetString());
        Assert.Equal("1.1.22-r3", finding.GetProperty("fixedVersion").GetString());
        Assert.Equal(0, UpdateApi.Total(data.GetProperty("previousSummary")));
        Assert.Equal(1, UpdateApi.Total(data.GetProperty("summary")));
        Assert.Equal(update.GetProperty("databaseVersion").GetString(), data.GetProperty("databaseVersion").GetString());
        await WaitForDeliveryAsync(server, "watched", webhook, "Delivered");

        // The same database again: nothing is new, nothing is sent.
        var again = await UpdateApi.RunAsync(server.Client);
        Assert.Equal(0, again.GetProperty("withNewFindings").GetInt32());
        Assert.Single(_receiver.Received);
    }

    // The receiver is on 127.0.0.1, which webhooks may reach only when the setting allows it.
    private static Dictionary<string, string?> Fast() => new()
    {
        ["Webhooks:AllowedPrivateNetworks:0"] = "127.0.0.0/8",
        ["Scanning:LeaseDuration"] = "00:00:03",
        ["Scanning:PollInterval"] = "00:00:00.200",
        ["Webhooks:PollInterval"] = "00:00:00.100",
        ["Webhooks:RetryBaseDelay"] = "00:00:00.200",
    };

    // Independent of Drydock's WebhookSignature: the receiver's own check.
    private static string ExpectedSignature(byte[] body) =>
        "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body)).ToLowerInvariant();

    // An autoScan namespace with a webhook for scan.completed, into which the real Alpine 3.10 image is pushed.
    private async Task<string> PushWithWebhookAsync(RunningServer server, string namespaceName)
    {
        await ScanApi.PatchNamespaceAsync(server.Client, namespaceName, """{"autoScan": true}""");
        var webhook = await CreateAsync(server, namespaceName, "scan.completed");
        await Skopeo.CopyAsync($"docker-archive:{ScanApi.AlpineArchive}", $"docker://{server.Address.Authority}/{namespaceName}/alpine:3.10", CancellationToken.None);
        return webhook;
    }

    private async Task<string> CreateAsync(RunningServer server, string namespaceName, string eventName)
    {
        using var created = await server.Client.PostAsJsonAsync(
            $"/api/v1/namespaces/{namespaceName}/webhooks", new { url = new Uri(_receiver.Address, "/hook"), events = new[] { eventName }, secret = Secret });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<ReceivedRequest> WaitForRequestsAsync(int count)
    {
        var deadline = DateTime.UtcNow + ScanApi.PollTimeout;
        while (_receiver.Received.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the receiver got {_receiver.Received.Count} of {count} requests");
            await Task.Delay(50);
        }

        return _receiver.Received.First();
    }

    private static async Task<JsonElement> WaitForDeliveryAsync(RunningServer server, string namespaceName, string webhook, string status)
    {
        var deadline = DateTime.UtcNow + ScanApi.PollTimeout;
        while (true)
        {
            var log = await server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/namespaces/{namespaceName}/webhooks/{webhook}/deliveries");
            if (log.EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } delivery && delivery.GetProperty("status").GetString() == status)
            {
                return delivery;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no {status} delivery: {log}");
            await Task.Delay(100);
        }
    }
}
