using System.Text.Json;

namespace Tickr.GraphQL.Tests.Conformance;

/// <summary>The validation corpus as graphql-js judges it (computed at test time, never stored).</summary>
internal static class ReferenceCorpus
{
    private static readonly Lazy<IReadOnlyDictionary<string, Verdict>> Verdicts = new(Compute);

    public static string SchemaPath => Path.Combine(NodeRunner.DataDirectory, "schema.graphql");
    public static string CorpusDirectory => Path.Combine(NodeRunner.DataDirectory, "corpus");

    /// <summary>graphql-js's verdict for every corpus file, by file name.</summary>
    public static IReadOnlyDictionary<string, Verdict> GraphQLJsVerdicts => Verdicts.Value;

    private static IReadOnlyDictionary<string, Verdict> Compute()
    {
        var json = NodeRunner.Run("validate-corpus.mjs", [SchemaPath, CorpusDirectory]);
        var result = new SortedDictionary<string, Verdict>(StringComparer.Ordinal);
        using var doc = JsonDocument.Parse(json);
        foreach (var file in doc.RootElement.EnumerateObject())
        {
            var errors = new List<string>();
            foreach (var e in file.Value.GetProperty("errors").EnumerateArray())
            {
                errors.Add(e.GetString() ?? "");
            }
            result.Add(file.Name, new Verdict(file.Value.GetProperty("valid").GetBoolean(), errors));
        }
        return result;
    }

    internal sealed record Verdict(bool Valid, IReadOnlyList<string> Errors);
}
