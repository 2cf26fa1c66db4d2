using System.Net;
using System.Security.Cryptography.X509Certificates;
using Drydock.Server.Tests.Integration;
using Drydock.Testing;
using Drydock.Testing.Registries;
using Microsoft.Extensions.Logging;

namespace Drydock.Server.Tests;

/// <summary>
/// `drydock serve --urls https://…` with a PEM certificate from the configuration: skopeo verifies the server against
/// that certificate (and refuses it without), and a .NET client sees the same certificate.
/// </summary>
public sealed class TlsTests
{
    [ToolFact("openssl", Skopeo.Program)]
    public async Task Serve_HttpsWithPemCertificate_SkopeoPushesAndPullsWithVerifiedTls()
    {
        using var directory = new TempDirectory("drydock-tls");
        var certificates = directory.Combine("certs");
        Directory.CreateDirectory(certificates);
        var certificate = Path.Combine(certificates, "drydock.crt");
        var key = directory.Combine("drydock.key");
        await ExternalTool.RunAsync(
            "openssl",
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
             "-keyout", key, "-out", certificate],
            CancellationToken.None);
        await using var app = await DrydockServer.CreateAsync(
            new DrydockServerOptions
            {
                DataDirectory = directory.Combine("data"),
                Urls = "https://127.0.0.1:0",
                MinimumLogLevel = LogLevel.Warning,
                Settings = new Dictionary<string, string?>
                {
                    ["Kestrel:Certificates:Default:Path"] = certificate,
                    ["Kestrel:Certificates:Default:KeyPath"] = key,
                    ["Scanning:Update:Enabled"] = "false",
                },
            },
            CancellationToken.None);
        await app.StartAsync();
        var address = new Uri(DrydockServer.GetListeningAddresses(app).Single());
        using var expected = X509CertificateLoader.LoadCertificateFromFile(certificate);
        X509Certificate2? presented = null;
        using var client = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => (presented = cert is null ? null : new X509Certificate2(cert)) is not null },
        })
        { BaseAddress = address };
        var image = $"docker://{address.Authority}/tls/alpine:3.10";
        using var pulled = new TempDirectory("drydock-tls-pull");

        using var root = await client.GetAsync(new Uri("/v2/", UriKind.Relative));
        var untrusted = await Skopeo.RunAsync(["copy", $"docker-archive:{ScanApi.AlpineArchive}", image], CancellationToken.None, check: false);
        await Skopeo.RunAsync(["copy", "--dest-cert-dir", certificates, $"docker-archive:{ScanApi.AlpineArchive}", image], CancellationToken.None);
        await Skopeo.RunAsync(["copy", "--src-cert-dir", certificates, image, $"dir:{pulled.Combine("image")}"], CancellationToken.None);

        Assert.Equal("https", address.Scheme);
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal(expected.Thumbprint, presented?.Thumbprint);
        Assert.NotEqual(0, untrusted.ExitCode);
        Assert.Contains("certificate", untrusted.StandardError, StringComparison.OrdinalIgnoreCase);
        Assert.True(File.Exists(pulled.Combine("image", "manifest.json")));
        await app.StopAsync();
    }
}
