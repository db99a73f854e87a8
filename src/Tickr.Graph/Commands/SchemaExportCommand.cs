using Tickr.Graph.Schema;
using Tickr.GraphQL.Utilities;

namespace Tickr.Graph.Commands;

/// <summary>
/// <c>dotnet run --project src/Tickr.Graph -- schema export [--output path]</c>: writes the schema's SDL (the contract
/// clients are generated from) and exits without starting the web server. Default output: <c>schema/schema.graphql</c>
/// of the repository containing the current directory, else of the current directory.
/// </summary>
public static class SchemaExportCommand
{
    public const string RegenerateHint = "dotnet run --project src/Tickr.Graph -- schema export";

    public static bool Matches(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Count >= 2 && args[0] == "schema" && args[1] == "export";
    }

    /// <summary>The SDL as <c>SchemaPrinter.Print</c> writes it, with a final newline (what the committed file holds).</summary>
    public static string PrintSchema() => SchemaPrinter.Print(TickrSchema.Build()).TrimEnd('\n') + "\n";

    /// <returns>The process exit code: 0 on success, 2 for bad arguments.</returns>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string? path = null;
        for (var i = 2; i < args.Count; i++)
        {
            if ((args[i] == "--output" || args[i] == "-o") && i + 1 < args.Count)
            {
                path = args[++i];
            }
            else
            {
                error.WriteLine($"Unknown argument '{args[i]}'. Usage: schema export [--output path]");
                return 2;
            }
        }
        path = Path.GetFullPath(path ?? DefaultPath(Directory.GetCurrentDirectory()));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, PrintSchema());
        output.WriteLine($"Schema written to {path}");
        return 0;
    }

    /// <summary><c>schema/schema.graphql</c> beside the nearest TickrGraph.sln above <paramref name="start"/>.</summary>
    public static string DefaultPath(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TickrGraph.sln")))
            {
                return Path.Combine(dir.FullName, "schema", "schema.graphql");
            }
        }
        return Path.Combine(start, "schema", "schema.graphql");
    }
}
