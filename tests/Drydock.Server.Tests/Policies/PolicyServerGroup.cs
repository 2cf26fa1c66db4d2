namespace Drydock.Server.Tests.Policies;

/// <summary>The test classes that share <see cref="PolicyServerFixture"/> (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class PolicyServerGroup : ICollectionFixture<PolicyServerFixture>
{
    public const string Name = "policy server";
}
