namespace Drydock.Commands;

/// <summary>
/// How every drydock command exits (README, "Exit codes"). An error has its own code, never the one
/// <c>scan --exit-code</c> picks for "vulnerabilities found", so that a CI job can tell a vulnerable image from a scan
/// that could not be done.
/// </summary>
internal static class ExitCodes
{
    /// <summary>Done; for <c>scan</c>, no finding left after the filters, or no <c>--exit-code</c> given.</summary>
    public const int Success = 0;

    /// <summary>The command could not do its work: an unreadable image, a registry that refused, a broken database.</summary>
    public const int Error = 1;

    /// <summary>The command line or a setting is wrong: unknown option or value, missing file.</summary>
    public const int Usage = 2;
}
