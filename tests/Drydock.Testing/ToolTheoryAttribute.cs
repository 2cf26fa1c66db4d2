namespace Drydock.Testing;

/// <summary>A theory that needs real programs on PATH; skipped, saying which is missing, only when one is
/// not installed (as <see cref="ToolFactAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ToolTheoryAttribute : TheoryAttribute
{
    public ToolTheoryAttribute(params string[] tools)
    {
        Tools = tools;
        var missing = tools.Where(t => !ExternalTool.Exists(t)).ToList();
        if (missing.Count > 0)
        {
            Skip = $"Not installed: {string.Join(", ", missing)} (scripts/test installs it from scripts/deps/*.apt).";
        }
    }

    public IReadOnlyList<string> Tools { get; }
}
