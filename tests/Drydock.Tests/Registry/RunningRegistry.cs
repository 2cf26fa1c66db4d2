using Drydock.Testing;
using Drydock.Testing.Registries;

namespace Drydock.Tests.Registry;

/// <summary>One registry process over a temporary data folder, shared by the tests of a class.</summary>
public sealed class RunningRegistry : IAsyncLifetime
{
    private readonly TempDirectory _data = new("drydock-e2e-data");
    private RegistryProcess? _process;

    public RegistryProcess Process => _process ?? throw new InvalidOperationException("The registry has not started.");

    public string Host => Process.Host;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        _process = await RegistryProcess.StartAsync(_data.Path, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _data.Dispose();
    }
}
