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

    /// <summary>Runs a command line; a line that does not parse (unknown option, value or command) is a usage error.</summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        var parsed = CreateRootCommand().Parse(args);
        var code = await parsed.InvokeAsync();

        // System.CommandLine prints the parse errors and answers 1, the code of a failed scan; drydock's is 2.
        return parsed.Errors.Count > 0 ? ExitCodes.Usage : code;
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
