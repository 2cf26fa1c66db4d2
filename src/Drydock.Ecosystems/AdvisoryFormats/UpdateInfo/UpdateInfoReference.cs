namespace Drydock.Ecosystems.AdvisoryFormats.UpdateInfo;

/// <summary>A <c>&lt;reference href id type title/&gt;</c> of an update.</summary>
internal sealed record UpdateInfoReference(string? Href, string? Id, string? Type, string? Title);
