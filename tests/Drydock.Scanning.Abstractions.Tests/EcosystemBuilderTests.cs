using System.Diagnostics.CodeAnalysis;
using Drydock.Scanning.Abstractions.Ecosystems;
using Drydock.Scanning.Abstractions.Versioning;

namespace Drydock.Scanning.Abstractions.Tests;

public sealed class EcosystemBuilderTests
{
    [Fact]
    public void Build_SameInstanceFromTwoModules_IsKeptOnce()
    {
        var shared = new OrdinalScheme("shared");

        var registry = EcosystemBuilder.Build([new Module("a", shared), new Module("b", shared)]);

        Assert.Single(registry.VersionSchemes);
    }

    [Fact]
    public void Build_TwoPluginsWithOneName_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => EcosystemBuilder.Build([new Module("a", new OrdinalScheme("x")), new Module("b", new OrdinalScheme("x"))]));

        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TwoModulesWithOneName_Throws()
    {
        Assert.Throws<InvalidOperationException>(
            () => EcosystemBuilder.Build([new Module("a", new OrdinalScheme("x")), new Module("a", new OrdinalScheme("y"))]));
    }

    [Fact]
    public void TryGetSchemeForEcosystem_MappedEcosystem_FindsScheme()
    {
        var registry = EcosystemBuilder.Build([new Module("a", new OrdinalScheme("go"), ("golang", "go"))]);

        Assert.True(registry.TryGetSchemeForEcosystem("golang", out var scheme));
        Assert.Equal("go", scheme.Name);
    }

    private sealed class Module(string name, IVersionScheme scheme, (string Ecosystem, string Scheme)? map = null) : IEcosystemModule
    {
        public string Name => name;

        public void Register(EcosystemBuilder builder)
        {
            builder.AddVersionScheme(scheme);
            if (map is { } m)
            {
                builder.MapEcosystemToScheme(m.Ecosystem, m.Scheme);
            }
        }
    }

    private sealed class OrdinalScheme(string name) : IVersionScheme
    {
        public string Name => name;

        public int Compare(ReadOnlySpan<char> left, ReadOnlySpan<char> right) => left.SequenceCompareTo(right);

        public bool TryValidate(ReadOnlySpan<char> version, [NotNullWhen(false)] out string? reason)
        {
            reason = null;
            return true;
        }
    }
}
