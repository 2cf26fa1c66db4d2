namespace Drydock.Server.Tests.Policies;

/// <summary><c>Scanning:Admission:OtherRegistries</c> = deny: an image of another registry makes a pod be denied.</summary>
public sealed class AdmissionOtherRegistriesTests : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync()
    {
        var data = new Drydock.Testing.TempDirectory("drydock-admission-deny");
        var config = data.Combine("settings.json");
        await File.WriteAllTextAsync(config, """{"Scanning": {"Admission": {"OtherRegistries": "deny"}}}""");
        _server = await RunningServer.StartAsync(data: data, configFile: config);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("nginx:1.25", "registry-1.docker.io")]
    [InlineData("quay.io/prometheus/node-exporter@sha256:0000000000000000000000000000000000000000000000000000000000000000", "quay.io")]
    public async Task Review_ImageOfAnotherRegistry_DeniedBySetting(string image, string host)
    {
        var response = await AdmissionReviews.SendAsync(_server.Client, AdmissionReviews.Pod([image]));

        Assert.False(response.GetProperty("allowed").GetBoolean());
        Assert.Contains($"{image}: {host} is not this registry, and Scanning:Admission:OtherRegistries is deny", response.GetProperty("status").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_NoImages_Allowed()
    {
        var response = await AdmissionReviews.SendAsync(_server.Client, AdmissionReviews.Pod([]));

        Assert.True(response.GetProperty("allowed").GetBoolean());
    }
}
