namespace Drydock.Ecosystems.Versioning.Maven;

/// <summary>The kinds of ComparableVersion items (IntItem, LongItem and BigIntegerItem are one kind here:
/// they order by value).</summary>
internal enum MavenItemKind : byte
{
    Number,
    String,
    Combination,
    List,
}
