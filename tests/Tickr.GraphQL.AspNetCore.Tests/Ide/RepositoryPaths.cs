namespace Tickr.GraphQL.AspNetCore.Tests.Ide;

/// <summary>Locates files of the repository from the test assembly's folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>graphql-js as installed by the Tickr.GraphQL.AspNetCore build (npm ci in ide-assets).</summary>
    public static string GraphQLJs => Path.Combine(Root, "src", "Tickr.GraphQL.AspNetCore", "ide-assets", "node_modules", "graphql");

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
