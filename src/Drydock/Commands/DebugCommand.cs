using System.CommandLine;

namespace Drydock.Commands;

/// <summary><c>drydock debug …</c>: tools for checking Drydock's building blocks by hand and from scripts.</summary>
internal static class DebugCommand
{
    public static Command Create()
    {
        return new Command("debug", "Tools for checking Drydock's building blocks (version comparison …).")
        {
            VersionCompareCommand.Create(),
        };
    }
}
