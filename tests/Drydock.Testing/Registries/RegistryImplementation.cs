namespace Drydock.Testing.Registries;

/// <summary>Which registry program a <see cref="RegistryProcess"/> runs.</summary>
public enum RegistryImplementation
{
    /// <summary><c>dotnet drydock.dll serve</c>: what the suite tests.</summary>
    Drydock,

    /// <summary>Debian's <c>docker-registry</c> (CNCF distribution 2.8.2): the reference the same tests are checked against.</summary>
    Distribution,
}
