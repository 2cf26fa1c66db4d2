using System.Reflection;
using System.Xml.Linq;
using Drydock.Testing;

namespace Drydock.Architecture.Tests;

public sealed class DependencyRulesTests
{
    public static TheoryData<string> SourceProjects()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(TestPaths.RepositoryRoot, "src")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void ProjectReferences_OfEachSourceProject_FollowTheRules(string project)
    {
        var references = ReadProjectFile(project);

        Assert.Empty(DependencyRules.Violations(project, references));
    }

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void CompiledReferences_OfEachSourceProject_FollowTheRules(string project)
    {
        var assemblyName = project == "Drydock" ? "drydock" : project;
        var assembly = Assembly.Load(assemblyName);
        var references = assembly.GetReferencedAssemblies().Select(a => a.Name!).Select(n => n == "drydock" ? "Drydock" : n);

        Assert.Empty(DependencyRules.Violations(project, references));
    }

    [Theory]
    [InlineData("Drydock.Registry", "Drydock.Scanning")]
    [InlineData("Drydock.Scanning", "Drydock.Registry")]
    [InlineData("Drydock.Scanning", "Drydock.Ecosystems")]
    [InlineData("Drydock.Ecosystems", "Drydock.Scanning")]
    [InlineData("Drydock.Oci", "Drydock.Registry")]
    [InlineData("Drydock.Scanning", "Microsoft.AspNetCore.Http")]
    [InlineData("Drydock.Registry", "Npgsql")]
    [InlineData("Drydock.Server", "Drydock")]
    public void Violations_ForbiddenReferenceAdded_IsReported(string project, string forbidden)
    {
        var allowed = DependencyRules.AllowedProjects.GetValueOrDefault(project, []);

        var violations = DependencyRules.Violations(project, [.. allowed, forbidden]).ToList();

        Assert.Single(violations);
        Assert.Contains(forbidden, violations[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Violations_ProjectFileWithForbiddenReference_IsReported()
    {
        // The same reader the real check uses, on a project file that breaks the Registry ↔ Scanning rule.
        var xml = XDocument.Parse("""
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <ProjectReference Include="..\Drydock.Oci\Drydock.Oci.csproj" />
                <ProjectReference Include="..\Drydock.Scanning\Drydock.Scanning.csproj" />
                <PackageReference Include="Npgsql" />
              </ItemGroup>
            </Project>
            """);

        var violations = DependencyRules.Violations("Drydock.Registry", ReferencesOf(xml)).ToList();

        Assert.Equal(2, violations.Count);
    }

    private static List<string> ReadProjectFile(string project) =>
        ReferencesOf(XDocument.Load(Path.Combine(TestPaths.RepositoryRoot, "src", project, project + ".csproj")));

    private static List<string> ReferencesOf(XDocument projectFile) =>
    [
        .. projectFile.Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/'))),
        .. projectFile.Descendants("PackageReference").Select(e => e.Attribute("Include")!.Value),
        .. projectFile.Descendants("FrameworkReference").Select(e => e.Attribute("Include")!.Value),
    ];
}
