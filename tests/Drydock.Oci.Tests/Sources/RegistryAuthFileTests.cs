using System.Text;
using System.Text.Json;
using Drydock.Oci.Sources;

namespace Drydock.Oci.Tests.Sources;

public sealed class RegistryAuthFileTests
{
    private static string Auth(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    // The layout skopeo login, podman login and docker login write.
    private static string Json(params (string Key, string Auth)[] entries) =>
        JsonSerializer.Serialize(new { auths = entries.ToDictionary(e => e.Key, e => new { auth = e.Auth }), credsStore = "desktop" });

    [Theory]
    [InlineData("127.0.0.1:5000")]
    [InlineData("https://127.0.0.1:5000")]
    [InlineData("127.0.0.1:5000/team/app")]
    public void Find_EntryForTheHost_UserAndPassword(string key)
    {
        var json = Json(("other.example", Auth("x", "y")), (key, Auth("alice", "pa:ss")));

        Assert.Equal(("alice", "pa:ss"), RegistryAuthFile.Find(json, "127.0.0.1:5000"));
    }

    [Fact]
    public void Find_DockerHubUnderDockersLegacyKey_Found()
    {
        var json = Json(("https://index.docker.io/v1/", Auth("bob", "tok")));

        Assert.Equal(("bob", "tok"), RegistryAuthFile.Find(json, RegistryReference.DockerHubHost));
    }

    [Fact]
    public void Find_NoEntryForTheHost_Null()
    {
        Assert.Null(RegistryAuthFile.Find(Json(("127.0.0.1:5001", Auth("a", "b"))), "127.0.0.1:5000"));
        Assert.Null(RegistryAuthFile.Find("{}", "127.0.0.1:5000"));
    }

    [Fact]
    public void Candidates_SkopeosOrder_ExplicitElseVariableRuntimeAndDocker()
    {
        string? Environment(string name) => name switch { "REGISTRY_AUTH_FILE" => "/etc/auth.json", "XDG_RUNTIME_DIR" => "/run/user/1000", _ => null };

        Assert.Equal(["/given.json"], RegistryAuthFile.Candidates("/given.json", Environment, "/home/u"));
        Assert.Equal(
            ["/etc/auth.json", "/run/user/1000/containers/auth.json", "/home/u/.docker/config.json"],
            RegistryAuthFile.Candidates(null, Environment, "/home/u"));
    }
}
