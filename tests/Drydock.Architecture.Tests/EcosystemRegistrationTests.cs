using Drydock.Ecosystems;
using Drydock.Scanning.Abstractions.Ecosystems;
using Drydock.Testing;

namespace Drydock.Architecture.Tests;

public sealed class EcosystemRegistrationTests
{
    private static readonly string[] SharedFolders = ["PackageManagers", "AdvisoryFormats", "Versioning", "Releases", "Binaries"];

    [Fact]
    public void All_EveryModuleTypeInTheAssembly_IsRegistered()
    {
        var moduleTypes = typeof(BuiltInEcosystems).Assembly.GetTypes()
            .Where(t => typeof(IEcosystemModule).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .ToHashSet();
        var registered = BuiltInEcosystems.All.Select(m => m.GetType()).ToHashSet();

        Assert.Empty(moduleTypes.Except(registered).Select(t => t.FullName));
    }

    [Fact]
    public void CreateRegistry_BuiltInModules_HaveUniquePluginNames()
    {
        // EcosystemBuilder throws on two plug-ins with one name; this proves the built-in set starts.
        var registry = BuiltInEcosystems.CreateRegistry();

        Assert.Equal(BuiltInEcosystems.All.Count, registry.Modules.Count);
    }

    [Fact]
    public void EcosystemFolders_EachSourceFolder_HasATestFolder()
    {
        var source = Path.Combine(TestPaths.RepositoryRoot, "src", "Drydock.Ecosystems");
        var tests = Path.Combine(TestPaths.RepositoryRoot, "tests", "Drydock.Ecosystems.Tests");
        var missing = Directory.GetDirectories(source)
            .Select(Path.GetFileName)
            .Where(name => name is not ("bin" or "obj"))
            .Where(name => !Directory.Exists(Path.Combine(tests, name!)))
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void EcosystemFolders_SharedFolders_AreNotModules()
    {
        var moduleNamespaces = BuiltInEcosystems.All.Select(m => m.GetType().Namespace!.Split('.').Last()).ToList();

        Assert.Empty(moduleNamespaces.Intersect(SharedFolders));
    }
}
