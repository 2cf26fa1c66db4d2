namespace Drydock.Ecosystems.AdvisoryFormats.Oval;

/// <summary>One alternative of a definition's criteria: "the platform is installed AND package
/// <paramref name="Package"/> is earlier than <paramref name="Evr"/>".</summary>
/// <param name="Platform">What the platform tests of the alternative require, as (package, operation,
/// value) of their rpminfo states, e.g. ("oraclelinux-release", "pattern match", "^8").</param>
/// <param name="Package">The package name.</param>
/// <param name="Evr">The EVR the installed package must be below (the fixed build).</param>
internal sealed record OvalFix(IReadOnlyList<(string Package, string Operation, string Value)> Platform, string Package, string Evr);
