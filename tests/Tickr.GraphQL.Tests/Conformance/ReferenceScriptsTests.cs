namespace Tickr.GraphQL.Tests.Conformance;

/// <summary>Checks on the reference side alone, so the engine tests cannot pass vacuously.</summary>
public sealed class ReferenceScriptsTests
{
    [Fact]
    public void Corpus_holds_at_least_150_documents_and_graphql_js_judges_every_one()
    {
        var files = Directory.GetFiles(ReferenceCorpus.CorpusDirectory, "*.graphql");
        Assert.True(files.Length >= 150, $"the corpus has {files.Length} documents; at least 150 are expected");
        var verdicts = ReferenceCorpus.GraphQLJsVerdicts;
        foreach (var f in files)
        {
            Assert.True(verdicts.ContainsKey(Path.GetFileName(f)), $"graphql-js gave no verdict for {Path.GetFileName(f)}");
        }
    }

    [Fact]
    public void Corpus_covers_both_verdicts_according_to_graphql_js()
    {
        var verdicts = ReferenceCorpus.GraphQLJsVerdicts.Values;
        var valid = verdicts.Count(v => v.Valid);
        var invalid = verdicts.Count(v => !v.Valid);
        Assert.True(valid >= 50, $"only {valid} corpus documents are valid for graphql-js; at least 50 are expected");
        Assert.True(invalid >= 60, $"only {invalid} corpus documents are invalid for graphql-js; at least 60 are expected");
        Assert.All(verdicts.Where(v => !v.Valid), v => Assert.NotEmpty(v.Errors));
    }

    [Fact]
    public void Introspection_query_script_prints_the_full_query_with_every_optional_part()
    {
        var query = NodeRunner.Run("introspection-query.mjs");
        foreach (var part in new[] { "__schema", "specifiedByURL", "isRepeatable", "isOneOf", "inputFields(includeDeprecated: true)", "fragment TypeRef on __Type" })
        {
            Assert.Contains(part, query, StringComparison.Ordinal);
        }
    }
}
