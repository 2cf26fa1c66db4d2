namespace Drydock.Registry.Catalog;

/// <summary>One page of a listing; <see cref="HasMore"/> says whether a next page exists (answered with a <c>Link</c> header).</summary>
public sealed record Page(IReadOnlyList<string> Items, bool HasMore);
