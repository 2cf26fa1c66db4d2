namespace Drydock.Testing;

/// <summary>Where the repository and the shared upstream test data are.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> RepositoryRootLazy = new(FindRepositoryRoot);

    /// <summary>The folder holding Drydock.slnx.</summary>
    public static string RepositoryRoot => RepositoryRootLazy.Value;

    /// <summary><c>../shared/testdata</c> beside the checkout (DRYDOCK_TESTDATA overrides it).</summary>
    public static string SharedTestData
    {
        get
        {
            var overridden = Environment.GetEnvironmentVariable("DRYDOCK_TESTDATA");
            var path = string.IsNullOrEmpty(overridden)
                ? Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "testdata"))
                : overridden;
            if (!Directory.Exists(path))
            {
                throw new DirectoryNotFoundException(
                    $"The shared test data is not at {path}. Check out the project beside shared/, or set DRYDOCK_TESTDATA.");
            }

            return path;
        }
    }

    /// <summary>A path inside the shared test data.</summary>
    public static string Shared(params string[] parts) => Path.Combine([SharedTestData, .. parts]);

    /// <summary>A path inside Drydock's own test data, <c>tests/testdata</c> (files made for these tests).</summary>
    public static string Local(params string[] parts) => Path.Combine([RepositoryRoot, "tests", "testdata", .. parts]);

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Drydock.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Drydock.slnx above {AppContext.BaseDirectory}.");
    }
}
