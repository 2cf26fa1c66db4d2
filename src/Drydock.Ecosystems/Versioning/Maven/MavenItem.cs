namespace Drydock.Ecosystems.Versioning.Maven;

/// <summary>One node of a parsed Maven version: a number, a qualifier, a qualifier+number combination or a
/// list. Positions index the lowercased version text.</summary>
internal struct MavenItem
{
    public MavenItemKind Kind;
    public int Start;
    public int Length;
    public int Qualifier;
    public int DigitStart;
    public int DigitLength;
    public int FirstChild;
    public int LastChild;
    public int Next;
    public int Previous;
}
