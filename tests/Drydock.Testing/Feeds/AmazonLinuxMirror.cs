namespace Drydock.Testing.Feeds;

/// <summary>
/// An Amazon Linux ALAS mirror laid out like the CDN (<c>{root}/{host}/{path}</c>, the layout of
/// <c>drydock db update --from DIR</c> and of an HTTP mirror base): each release's mirror list names a
/// repository made by <c>createrepo_c</c>, to which <c>modifyrepo_c</c> added the release's updateinfo
/// fixture (<c>tests/testdata/feeds/amazon-alas</c>) as its <c>updateinfo</c> entry.
/// </summary>
public static class AmazonLinuxMirror
{
    /// <summary>The programs the mirror is made with.</summary>
    public static readonly string[] Tools = ["createrepo_c", "modifyrepo_c"];

    /// <summary>Per release: the mirror list's path, the repository it names (as a CDN URL would), and the fixture.</summary>
    public static IReadOnlyList<(string Release, string MirrorList, string Repository, string Fixture)> Releases { get; } =
    [
        ("2", "cdn.amazonlinux.com/2/core/latest/x86_64/mirror.list",
            "cdn.amazonlinux.com/2/core/2.0/x86_64/6b0225ccc542f3834c95733dcf321ab9f1e77e6ca6817469771a8af7c49efe6c/",
            TestPaths.Local("feeds", "amazon-alas", "al2", "updateinfo.xml")),
        ("2023", "cdn.amazonlinux.com/al2023/core/mirrors/latest/x86_64/mirror.list",
            "cdn.amazonlinux.com/al2023/core/guids/8b8a2ef3b4e5f5b39b3f1b9cbd3e0c9d0e5fd2d0d6d5d1f1e2c0c8f7c0b1a2d3/x86_64/",
            TestPaths.Local("feeds", "amazon-alas", "al2023", "updateinfo.xml")),
    ];

    /// <summary>Writes the mirror under <paramref name="root"/>; returns each release's updateinfo file as
    /// modifyrepo_c named it (gzip, checksum-prefixed), so that a test can break or replace it.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> CreateAsync(string root, CancellationToken cancellationToken)
    {
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (release, mirrorList, repository, fixture) in Releases)
        {
            var list = Path.Combine(root, mirrorList);
            Directory.CreateDirectory(Path.GetDirectoryName(list)!);
            await File.WriteAllTextAsync(list, $"https://{repository}\n", cancellationToken);

            var repo = Path.Combine(root, repository);
            Directory.CreateDirectory(repo);
            await ExternalTool.RunAsync("createrepo_c", ["--quiet", repo], cancellationToken);
            await ExternalTool.RunAsync("modifyrepo_c", ["--mdtype=updateinfo", fixture, Path.Combine(repo, "repodata")], cancellationToken);
            written[release] = Directory.GetFiles(Path.Combine(repo, "repodata"), "*-updateinfo.xml.gz").Single();
        }

        return written;
    }
}
