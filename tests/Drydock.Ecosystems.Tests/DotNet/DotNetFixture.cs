using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.DotNet;

/// <summary>
/// A tiny console app published with this machine's dotnet SDK, with one package reference restored
/// from the local NuGet cache (Dapper, which the repository itself uses) and a lock file.
/// Isolated from the repository's Directory.*.props by empty ones of its own.
/// </summary>
internal static class DotNetFixture
{
    public static Task<string> GetAsync() => FixtureCache.GetAsync("dotnet-app-v1", BuildAsync);

    private static async Task BuildAsync(string dir)
    {
        var app = Path.Combine(dir, "app");
        Directory.CreateDirectory(app);
        foreach (var isolation in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            await File.WriteAllTextAsync(Path.Combine(app, isolation), "<Project />\n");
        }

        await File.WriteAllTextAsync(Path.Combine(app, "Fixture.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Dapper" Version="2.1.66" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), "System.Console.WriteLine(typeof(Dapper.SqlMapper).Name);\n");
        await ExternalTool.RunAsync("dotnet", ["publish", "-c", "Release", "-o", Path.Combine(dir, "publish"), "-p:UseAppHost=false"], CancellationToken.None, workingDirectory: app);
        var listed = await ExternalTool.RunAsync("dotnet", ["list", "package", "--include-transitive", "--format", "json"], CancellationToken.None, workingDirectory: app);
        await File.WriteAllTextAsync(Path.Combine(dir, "list-package.json"), listed.StandardOutput);
    }
}
