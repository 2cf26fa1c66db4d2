using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Drydock.Testing.Registries;

/// <summary>
/// A registry running as a separate process on a free loopback port over a data folder the test owns:
/// <c>dotnet drydock.dll serve</c>, or Debian's <c>docker-registry</c> when DRYDOCK_E2E_REGISTRY=distribution
/// (to check that a test expects what the reference implementation does). It can be killed with SIGKILL,
/// stopped with SIGTERM, and started again over the same data.
/// </summary>
public sealed class RegistryProcess : IAsyncDisposable
{
    /// <summary>The environment variable that picks the implementation the end-to-end tests run against.</summary>
    public const string ImplementationVariable = "DRYDOCK_E2E_REGISTRY";

    private const string DistributionBinary = "/usr/bin/docker-registry";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RegistryProcess(RegistryImplementation implementation, string dataDirectory, int port, Process process)
    {
        Implementation = implementation;
        DataDirectory = dataDirectory;
        Port = port;
        _process = process;
    }

    /// <summary>Drydock unless DRYDOCK_E2E_REGISTRY=distribution.</summary>
    public static RegistryImplementation Selected =>
        string.Equals(Environment.GetEnvironmentVariable(ImplementationVariable), "distribution", StringComparison.OrdinalIgnoreCase)
            ? RegistryImplementation.Distribution
            : RegistryImplementation.Drydock;

    public RegistryImplementation Implementation { get; }

    public string DataDirectory { get; }

    public int Port { get; }

    public int ProcessId => _process.Id;

    /// <summary><c>127.0.0.1:PORT</c>, as it appears in image references.</summary>
    public string Host => $"127.0.0.1:{Port}";

    public Uri BaseAddress => new($"http://{Host}/");

    /// <summary>What the server printed so far (stdout and stderr), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <see cref="Selected"/> over <paramref name="dataDirectory"/> on a free port and waits until GET /v2/ answers.</summary>
    public static Task<RegistryProcess> StartAsync(string dataDirectory, CancellationToken cancellationToken) =>
        StartAsync(Selected, dataDirectory, FreePort(), cancellationToken);

    /// <summary>Starts a registry; <paramref name="environment"/> adds variables (Drydock settings such as <c>Registry__GarbageCollectionGracePeriod</c>).</summary>
    public static async Task<RegistryProcess> StartAsync(
        RegistryImplementation implementation, string dataDirectory, int port, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        Directory.CreateDirectory(dataDirectory);
        var startInfo = implementation switch
        {
            RegistryImplementation.Distribution => DistributionStartInfo(dataDirectory, port),
            _ => DrydockStartInfo(dataDirectory, port),
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.UseShellExecute = false;

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var registry = new RegistryProcess(implementation, dataDirectory, port, process);
        process.OutputDataReceived += (_, e) => registry.Append(e.Data);
        process.ErrorDataReceived += (_, e) => registry.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await registry.WaitUntilReadyAsync(cancellationToken);
        }
        catch
        {
            await registry.DisposeAsync();
            throw;
        }

        return registry;
    }

    /// <summary>Starts the same implementation again over the same data and port (after <see cref="Kill"/> or <see cref="StopAsync"/>).</summary>
    public Task<RegistryProcess> RestartAsync(CancellationToken cancellationToken) =>
        StartAsync(Implementation, DataDirectory, Port, cancellationToken);

    /// <summary>SIGKILL: the process gets no chance to clean up, as in a power cut or an OOM kill.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false); // SIGKILL on Unix.
        }

        // SIGKILL cannot be refused; a process that still has not gone is a broken machine, not a wait.
        Assert.True(_process.WaitForExit(TimeSpan.FromMinutes(1)), $"process {_process.Id} did not exit after SIGKILL");
    }

    /// <summary>SIGTERM, as systemd and container runtimes stop a service, then waits for the process to exit.</summary>
    public async Task<int> StopAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!_process.HasExited)
        {
            await ExternalTool.RunAsync("kill", ["-TERM", _process.Id.ToString()], cancellationToken, check: false);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The registry (pid {_process.Id}) did not exit within {timeout} of SIGTERM.\n{Output}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await StopAsync(TimeSpan.FromSeconds(15), CancellationToken.None);
            }
            catch (TimeoutException)
            {
                Kill();
            }
        }

        _process.Dispose();
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Where drydock.dll is: DRYDOCK_DLL, or beside the test assembly (test projects reference src/Drydock).</summary>
    public static string DrydockDll
    {
        get
        {
            var overridden = Environment.GetEnvironmentVariable("DRYDOCK_DLL");
            return string.IsNullOrEmpty(overridden) ? Path.Combine(AppContext.BaseDirectory, "drydock.dll") : overridden;
        }
    }

    private static ProcessStartInfo DrydockStartInfo(string dataDirectory, int port)
    {
        var dll = DrydockDll;
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"drydock.dll is not at {dll}; reference src/Drydock from the test project or set DRYDOCK_DLL.");
        }

        var startInfo = new ProcessStartInfo("dotnet") { WorkingDirectory = dataDirectory };
        foreach (var argument in new[] { dll, "serve", "--data", dataDirectory, "--urls", $"http://127.0.0.1:{port}" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        // A test registry must not fetch advisory feeds from the internet at start-up (the schedule's default).
        startInfo.Environment["Scanning__Update__Enabled"] = "false";

        return startInfo;
    }

    private static ProcessStartInfo DistributionStartInfo(string dataDirectory, int port)
    {
        if (!File.Exists(DistributionBinary))
        {
            throw new FileNotFoundException($"{DistributionBinary} is missing; install Debian's docker-registry package.");
        }

        var config = Path.Combine(dataDirectory, "config.yml");
        File.WriteAllText(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {Path.Combine(dataDirectory, "storage")}
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{port}
            """);
        var startInfo = new ProcessStartInfo(DistributionBinary) { WorkingDirectory = dataDirectory };
        startInfo.ArgumentList.Add("serve");
        startInfo.ArgumentList.Add(config);
        return startInfo;
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The {Implementation} registry exited with {_process.ExitCode} before it answered GET /v2/.\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("v2/", UriKind.Relative), cancellationToken);
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Listening but slow to answer while it starts.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"The {Implementation} registry did not answer GET /v2/ on {Host} within {StartTimeout}.\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
