namespace Drydock.Ecosystems.Tests.PackageManagers.Rpm;

/// <summary>Lets the rpm test classes share one <see cref="RpmTestDatabases"/>.</summary>
[CollectionDefinition(RpmTestDatabases.Collection)]
public sealed class RpmTestDatabasesDefinition : ICollectionFixture<RpmTestDatabases>;
