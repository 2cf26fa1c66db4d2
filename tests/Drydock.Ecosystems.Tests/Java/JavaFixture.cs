using Drydock.Testing;

namespace Drydock.Ecosystems.Tests.Java;

/// <summary>
/// Java archives built with the JDK's javac and jar (jar writes deflated entries with data descriptors,
/// as Maven does; <c>--no-compress</c> stores them), with pom.properties and MANIFEST.MF written the way
/// maven-archiver writes them. <see cref="Expected"/> is what was put into each archive.
/// </summary>
internal static class JavaFixture
{
    public static Task<string> GetAsync() => FixtureCache.GetAsync("java-archives-v1", BuildAsync);

    /// <summary>Archive → the artifacts put into it (nested ones included).</summary>
    public static IReadOnlyDictionary<string, string[]> Expected { get; } = new Dictionary<string, string[]>
    {
        ["demo-lib-1.2.3.jar"] = ["com.example:demo-lib@1.2.3", "com.example:innermost@0.0.1"],
        ["shaded-app-2.0.0.jar"] = ["com.example:shaded-app@2.0.0", "com.google.code.gson:gson@2.10.1", "org.yaml:snakeyaml@2.2"],
        ["plainlib.jar"] = ["org.example.plain:plainlib@4.5.6"],
        ["guava-31.1-jre.jar"] = ["guava@31.1-jre"],
        ["webapp-1.0.war"] = ["com.example:webapp@1.0", "com.example:demo-lib@1.2.3", "com.example:innermost@0.0.1", "com.example:shaded-app@2.0.0", "com.google.code.gson:gson@2.10.1", "org.yaml:snakeyaml@2.2", "org.example.plain:plainlib@4.5.6", "guava@31.1-jre"],
        ["enterprise-3.1.ear"] = ["com.example:enterprise@3.1", "com.example:webapp@1.0", "com.example:demo-lib@1.2.3", "com.example:innermost@0.0.1", "com.example:shaded-app@2.0.0", "com.google.code.gson:gson@2.10.1", "org.yaml:snakeyaml@2.2", "org.example.plain:plainlib@4.5.6", "guava@31.1-jre"],
        ["executable-app-5.0.jar"] = ["com.example:executable-app@5.0"],
    };

    private static async Task BuildAsync(string dir)
    {
        var classes = Path.Combine(dir, "classes");
        Directory.CreateDirectory(Path.Combine(classes, "demo"));
        await File.WriteAllTextAsync(Path.Combine(dir, "Demo.java"), "package demo;\npublic class Demo { public static String name() { return \"demo\"; } }\n");
        await ExternalTool.RunAsync("javac", ["-d", classes, Path.Combine(dir, "Demo.java")], CancellationToken.None);

        // innermost-0.0.1.jar goes inside demo-lib (nesting: ear → war → demo-lib → innermost).
        var innermost = await JarAsync(dir, "innermost-0.0.1.jar", [("com.example", "innermost", "0.0.1")], Manifest("innermost", "0.0.1"), classes, []);
        await JarAsync(dir, "demo-lib-1.2.3.jar", [("com.example", "demo-lib", "1.2.3")], Manifest("demo-lib", "1.2.3"), classes, [("lib/innermost-0.0.1.jar", innermost)]);
        await JarAsync(dir, "shaded-app-2.0.0.jar", [("com.example", "shaded-app", "2.0.0"), ("com.google.code.gson", "gson", "2.10.1"), ("org.yaml", "snakeyaml", "2.2")], Manifest("shaded-app", "2.0.0"), classes, []);
        await JarAsync(dir, "plainlib.jar", [], "Manifest-Version: 1.0\nImplementation-Title: plainlib\nImplementation-Version: 4.5.6\nImplementation-Vendor-Id: org.example.plain\n", classes, []);
        await JarAsync(dir, "guava-31.1-jre.jar", [], "Manifest-Version: 1.0\nCreated-By: test\n", classes, []);
        var libs = new[] { "demo-lib-1.2.3.jar", "shaded-app-2.0.0.jar", "plainlib.jar", "guava-31.1-jre.jar" }
            .Select(name => ($"WEB-INF/lib/{name}", Path.Combine(dir, name))).ToArray();
        await JarAsync(dir, "webapp-1.0.war", [("com.example", "webapp", "1.0")], Manifest("webapp", "1.0"), classes, libs);
        await JarAsync(dir, "enterprise-3.1.ear", [("com.example", "enterprise", "3.1")], Manifest("enterprise", "3.1"), null, [("webapp-1.0.war", Path.Combine(dir, "webapp-1.0.war"))], store: true);

        // A "fully executable" jar: a launcher script before the zip data.
        var executable = await JarAsync(dir, "executable-inner.jar", [("com.example", "executable-app", "5.0")], Manifest("executable-app", "5.0"), classes, []);
        await using (var output = File.Create(Path.Combine(dir, "executable-app-5.0.jar")))
        {
            await output.WriteAsync("#!/bin/bash\nexec java -jar \"$0\" \"$@\"\n"u8.ToArray());
            await using var input = File.OpenRead(executable);
            await input.CopyToAsync(output);
        }

        File.Delete(executable);
    }

    private static string Manifest(string title, string version) =>
        $"Manifest-Version: 1.0\nCreated-By: Maven JAR Plugin 3.3.0\nBuild-Jdk-Spec: 17\nImplementation-Title: {title}\nImplementation-Version: {version}\n";

    private static async Task<string> JarAsync(
        string dir,
        string name,
        (string Group, string Artifact, string Version)[] poms,
        string manifest,
        string? classes,
        (string Entry, string File)[] nested,
        bool store = false)
    {
        var content = Path.Combine(dir, "content-" + name);
        Directory.CreateDirectory(content);
        foreach (var (group, artifact, version) in poms)
        {
            var folder = Path.Combine(content, "META-INF", "maven", group, artifact);
            Directory.CreateDirectory(folder);
            // maven-archiver 3.6's format: a comment line, then the three keys sorted.
            await File.WriteAllTextAsync(Path.Combine(folder, "pom.properties"), $"# Created by Maven 3.9.6\nartifactId={artifact}\ngroupId={group}\nversion={version}\n");
            await File.WriteAllTextAsync(Path.Combine(folder, "pom.xml"), $"<project><groupId>{group}</groupId><artifactId>{artifact}</artifactId><version>{version}</version></project>\n");
        }

        foreach (var (entry, file) in nested)
        {
            var target = Path.Combine(content, entry);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var manifestFile = Path.Combine(dir, "manifest-" + name);
        await File.WriteAllTextAsync(manifestFile, manifest);
        var output = Path.Combine(dir, name);
        List<string> arguments = ["--create", "--file", output, "--manifest", manifestFile];
        if (store)
        {
            arguments.Add("--no-compress");
        }

        arguments.AddRange(["-C", content, "."]);
        if (classes is not null)
        {
            arguments.AddRange(["-C", classes, "."]);
        }

        await ExternalTool.RunAsync("jar", arguments, CancellationToken.None);
        return output;
    }
}
