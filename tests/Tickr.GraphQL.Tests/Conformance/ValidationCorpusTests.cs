using System.Text;
using Tickr.GraphQL.Language;
using Tickr.GraphQL.Validation;

namespace Tickr.GraphQL.Tests.Conformance;

/// <summary>
/// Every corpus document gets the same verdict (valid or invalid) from our parser + validator as from graphql-js
/// (parse + validate with the specified rules); graphql-js is asked at test time.
/// </summary>
public sealed class ValidationCorpusTests
{
    [Fact]
    public void Every_corpus_document_gets_the_same_verdict_as_graphql_js()
    {
        var schema = ConformanceSchemas.FromSdlFile();
        var reference = ReferenceCorpus.GraphQLJsVerdicts;
        var mismatches = new StringBuilder();
        var count = 0;
        foreach (var (file, verdict) in reference)
        {
            var ours = Validate(schema, File.ReadAllText(Path.Combine(ReferenceCorpus.CorpusDirectory, file)), out var crash);
            if (crash is not null)
            {
                // Bad input must never escape as an exception, whatever graphql-js thinks of the document.
                count++;
                mismatches.Append($"\n{file}: our parser or validator threw {crash}");
            }
            else if ((ours.Count == 0) != verdict.Valid)
            {
                count++;
                mismatches.Append($"\n{file}: graphql-js says {(verdict.Valid ? "valid" : "invalid")}, we say {(ours.Count == 0 ? "valid" : "invalid")}");
                foreach (var e in verdict.Errors) mismatches.Append("\n    graphql-js: ").Append(e);
                foreach (var e in ours) mismatches.Append("\n    ours:       ").Append(e);
            }
        }
        Assert.True(count == 0, $"{count} of {reference.Count} corpus documents get a different verdict:{mismatches}");
    }

    /// <summary>Our parse + validate; a syntax error is one error, any other exception is a crash.</summary>
    private static IReadOnlyList<string> Validate(Tickr.GraphQL.Types.Schema schema, string source, out Exception? crash)
    {
        crash = null;
        try
        {
            var document = Parser.Parse(source);
            return DocumentValidator.Validate(schema, document).Select(e => e.ToString()).ToList();
        }
        catch (GraphQLSyntaxException e)
        {
            return [e.Error.ToString()];
        }
        catch (Exception e)
        {
            crash = e;
            return [];
        }
    }
}
