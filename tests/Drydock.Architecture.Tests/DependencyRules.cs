namespace Drydock.Architecture.Tests;

/// <summary>
/// ARCHITECTURE.md §2 as data: which Drydock projects and which outside packages each project may use.
/// A project not listed in <see cref="AllowedProjects"/> may use every Drydock project.
/// </summary>
public static class DependencyRules
{
    public static readonly IReadOnlyDictionary<string, string[]> AllowedProjects = new Dictionary<string, string[]>
    {
        ["Drydock.Oci"] = [],
        ["Drydock.Registry"] = ["Drydock.Oci"],
        ["Drydock.Scanning.Abstractions"] = ["Drydock.Oci"],
        ["Drydock.Scanning"] = ["Drydock.Scanning.Abstractions", "Drydock.Oci"],
        ["Drydock.Ecosystems"] = ["Drydock.Scanning.Abstractions", "Drydock.Oci"],
        ["Drydock.Data"] = ["Drydock.Registry", "Drydock.Scanning", "Drydock.Scanning.Abstractions", "Drydock.Oci"],
        ["Drydock.Server"] = ["Drydock.Oci", "Drydock.Registry", "Drydock.Scanning.Abstractions", "Drydock.Scanning", "Drydock.Ecosystems", "Drydock.Data"],
    };

    /// <summary>Assembly name prefixes that only the hosts (and Data, for SQL) may use.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ForbiddenAssemblyPrefixes = new Dictionary<string, string[]>
    {
        ["Drydock.Oci"] = ["Microsoft.AspNetCore", "Microsoft.Data.Sqlite", "Npgsql", "Dapper"],
        ["Drydock.Registry"] = ["Microsoft.AspNetCore", "Microsoft.Data.Sqlite", "Npgsql", "Dapper"],
        ["Drydock.Scanning.Abstractions"] = ["Microsoft.AspNetCore", "Microsoft.Data.Sqlite", "Npgsql", "Dapper"],
        ["Drydock.Scanning"] = ["Microsoft.AspNetCore", "Microsoft.Data.Sqlite", "Npgsql", "Dapper"],
        // Ecosystems read rpmdb.sqlite package databases, so SQLite is allowed there; persistence is not.
        ["Drydock.Ecosystems"] = ["Microsoft.AspNetCore", "Npgsql", "Dapper"],
        ["Drydock.Data"] = ["Microsoft.AspNetCore"],
    };

    /// <summary>Every rule a project with the given Drydock and outside references breaks.</summary>
    public static IEnumerable<string> Violations(string project, IEnumerable<string> references)
    {
        var list = references.ToList();
        if (AllowedProjects.TryGetValue(project, out var allowed))
        {
            foreach (var reference in list.Where(r => r.StartsWith("Drydock", StringComparison.Ordinal) && r != project))
            {
                if (!allowed.Contains(reference))
                {
                    yield return $"{project} must not reference {reference}";
                }
            }
        }
        else if (project != "Drydock" && list.Contains("Drydock"))
        {
            yield return $"{project} must not reference the Drydock executable";
        }

        if (ForbiddenAssemblyPrefixes.TryGetValue(project, out var forbidden))
        {
            foreach (var reference in list)
            {
                foreach (var prefix in forbidden.Where(p => reference.StartsWith(p, StringComparison.Ordinal)))
                {
                    yield return $"{project} must not use {reference} ({prefix} belongs to the hosts)";
                }
            }
        }
    }
}
