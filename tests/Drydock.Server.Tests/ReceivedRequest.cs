namespace Drydock.Server.Tests;

/// <summary>One request a <see cref="LocalHttpServer"/> received.</summary>
public sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body);
