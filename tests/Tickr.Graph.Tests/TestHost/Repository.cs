namespace Tickr.Graph.Tests.TestHost;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string SchemaFile => Path.Combine(Root, "schema", "schema.graphql");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TickrGraph.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("TickrGraph.sln not found above " + AppContext.BaseDirectory);
    }
}
