using System.Reflection;
using Drydock.Registry;
using Drydock.Testing;

namespace Drydock.Server.Tests.Configuration;

public sealed class ConfigurationReferenceTests
{
    /// <summary>
    /// Every options class the server binds has a <c>SectionName</c> constant and is registered in the running server's
    /// services; each property the binder can set must appear in docs/configuration.md in both its key and its environment
    /// variable form.
    /// </summary>
    [Fact]
    public async Task ConfigurationPage_EveryBoundSetting_IsListedWithItsEnvironmentVariable()
    {
        await using var server = await RunningServer.StartAsync();
        var page = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "docs", "configuration.md"));
        var optionTypes = new[] { typeof(DrydockServer).Assembly, typeof(RegistryOptions).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
            .ToList();
        Assert.True(optionTypes.Count >= 7, string.Join(", ", optionTypes.Select(t => t.Name)));

        var missing = new List<string>();
        foreach (var type in optionTypes)
        {
            Assert.True(server.App.Services.GetService(type) is not null, $"{type.Name} has a SectionName but the server does not register it");
            var section = (string)type.GetField("SectionName")!.GetRawConstantValue()!;
            // What the binder can fill: properties with a public setter, and collections it adds to (IList<string> { get; }).
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true } || p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(IList<>)))
            {
                var key = $"{section}:{property.Name}";
                var variable = key.Replace(":", "__", StringComparison.Ordinal);
                if (!page.Contains($"`{key}`", StringComparison.Ordinal) || !page.Contains($"`{variable}", StringComparison.Ordinal))
                {
                    missing.Add(key);
                }
            }
        }

        Assert.True(missing.Count == 0, "docs/configuration.md lacks: " + string.Join(", ", missing));
    }
}
