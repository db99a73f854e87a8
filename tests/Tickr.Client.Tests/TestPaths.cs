namespace Tickr.Client.Tests;

internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string TestSchema => Path.Combine(RepositoryRoot, "tests", "Tickr.Client.Tests", "TestSchema", "schema.graphql");

    public static string TestOperations => Path.Combine(RepositoryRoot, "tests", "Tickr.Client.Tests", "TestSchema", "Operations");

    public static string TickrSchema => Path.Combine(RepositoryRoot, "schema", "schema.graphql");

    public static string TickrOperations => Path.Combine(RepositoryRoot, "clients", "Tickr.Client", "Operations");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TickrGraph.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (TickrGraph.sln) was not found above " + AppContext.BaseDirectory);
    }
}
