namespace Drydock.Testing;

/// <summary>
/// A fact that needs real programs on PATH (skopeo, umoci …). It is skipped, saying which program is
/// missing, only when one is not installed; <c>scripts/test</c> installs them, so on CI it always runs.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(params string[] tools)
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
