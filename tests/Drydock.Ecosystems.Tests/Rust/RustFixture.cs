using System.IO.Compression;
using System.Text;
using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.Rust;

/// <summary>
/// A tiny crate locked and built with this machine's cargo, offline: its registry dependencies come
/// from a vendored directory source (two crates.io crates, one depending on the other). The binary
/// carries a <c>.dep-v0</c> section the way cargo-auditable writes it (zlib-compressed JSON of the
/// dependency tree); cargo-auditable itself cannot be installed here, so the section is linked in from
/// the crate, with the content <see cref="AuditJson"/> (what the test expects back).
/// </summary>
internal static class RustFixture
{
    public const string AuditJson =
        """{"packages":[{"name":"app","version":"0.1.0","source":"local","dependencies":[1,2],"root":true},{"name":"itoa","version":"1.0.9","source":"crates.io"},{"name":"ryu","version":"1.0.15","source":"crates.io","dependencies":[1]}]}""";

    public static Task<string> GetAsync() => FixtureCache.GetAsync("rust-app-v1", BuildAsync);

    private static async Task BuildAsync(string dir)
    {
        await VendorAsync(dir, "itoa", "1.0.9", string.Empty);
        await VendorAsync(dir, "ryu", "1.0.15", "\n[dependencies]\nitoa = \"1\"\n");
        var app = Path.Combine(dir, "app");
        Directory.CreateDirectory(Path.Combine(app, "src"));
        Directory.CreateDirectory(Path.Combine(app, ".cargo"));
        await File.WriteAllTextAsync(Path.Combine(app, "Cargo.toml"), "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nryu = \"1.0\"\nitoa = \"1.0\"\n");
        await File.WriteAllTextAsync(Path.Combine(app, ".cargo", "config.toml"), "[source.crates-io]\nreplace-with = \"vendored\"\n\n[source.vendored]\ndirectory = \"../vendor\"\n");
        var compressed = new MemoryStream();
        await using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            await zlib.WriteAsync(Encoding.UTF8.GetBytes(AuditJson));
        }

        await File.WriteAllBytesAsync(Path.Combine(app, "src", "deps.z"), compressed.ToArray());
        await File.WriteAllTextAsync(Path.Combine(app, "src", "main.rs"), $$"""
            #[used]
            #[link_section = ".dep-v0"]
            static AUDITABLE_VERSION_INFO: [u8; {{compressed.Length}}] = *include_bytes!("deps.z");

            fn main() {
                println!("{} {}", itoa::f(), ryu::g());
            }
            """);
        var environment = new Dictionary<string, string> { ["CARGO_TARGET_DIR"] = Path.Combine(dir, "target") };
        await ExternalTool.RunAsync("cargo", ["build", "--offline", "--release"], CancellationToken.None, standardInput: string.Empty, workingDirectory: app, environment: environment);
        var metadata = await ExternalTool.RunAsync("cargo", ["metadata", "--format-version", "1", "--offline"], CancellationToken.None, standardInput: string.Empty, workingDirectory: app, environment: environment);
        await File.WriteAllTextAsync(Path.Combine(dir, "metadata.json"), metadata.StandardOutput);
    }

    // A directory source: each crate folder with its Cargo.toml and a .cargo-checksum.json.
    private static async Task VendorAsync(string dir, string name, string version, string dependencies)
    {
        var crate = Path.Combine(dir, "vendor", $"{name}-{version}");
        Directory.CreateDirectory(Path.Combine(crate, "src"));
        await File.WriteAllTextAsync(Path.Combine(crate, "Cargo.toml"), $"[package]\nname = \"{name}\"\nversion = \"{version}\"\nedition = \"2018\"\n{dependencies}");
        var function = name == "itoa" ? "pub fn f() -> u32 { 9 }" : "pub fn g() -> u32 { itoa::f() + 1 }";
        await File.WriteAllTextAsync(Path.Combine(crate, "src", "lib.rs"), function + "\n");
        await File.WriteAllTextAsync(Path.Combine(crate, ".cargo-checksum.json"), $"{{\"files\":{{}},\"package\":\"{new string('0', 63)}{name.Length}\"}}");
    }
}
