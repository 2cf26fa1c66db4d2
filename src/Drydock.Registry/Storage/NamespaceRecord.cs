namespace Drydock.Registry.Storage;

/// <summary>
/// A namespace: the first component of repository names. <see cref="SettingsJson"/> is a JSON object kept for
/// per-namespace settings that come later (auto-scan, policies); the registry does not interpret it yet.
/// </summary>
public sealed record NamespaceRecord(string Name, DateTimeOffset CreatedAt, string SettingsJson, int RepositoryCount);
