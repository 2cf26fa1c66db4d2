using BenchmarkDotNet.Running;
using Drydock.Benchmarks.RegistryScanning;

// End-to-end scenarios run once with their own timing; everything else is BenchmarkDotNet.
if (args is ["rematch", .. var rest])
{
    return await RematchScenario.RunAsync(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
