using System.CommandLine;

namespace Drydock.Commands;

/// <summary>The verbs of the drydock executable (ARCHITECTURE.md §5). One file per verb; one line here each.</summary>
internal static class CommandCatalog
{
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("Drydock: a container registry with built-in image security scanning.");
        foreach (var command in Commands())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    private static IEnumerable<Command> Commands()
    {
        yield return DebugCommand.Create();
        yield return ServeCommand.Create();
        yield return GcCommand.Create();
        yield return SbomCommand.Create();
        yield return DbCommand.Create();
        yield return ScanCommand.Create();
    }
}
