namespace Drydock.Ecosystems.Versioning.Composer;
internal sealed class ComposerRangeSyntax { public static readonly Drydock.Scanning.Abstractions.Versioning.IRangeSyntax Instance = null!; }
