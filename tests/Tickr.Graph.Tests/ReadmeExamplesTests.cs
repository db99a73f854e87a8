using System.Text.RegularExpressions;
using Tickr.Graph.Tests.TestHost;
using Tickr.GraphQL.Language;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Validation;

namespace Tickr.Graph.Tests;

/// <summary>The README's GraphQL examples are what a new user pastes first: each operation must be valid against the schema.</summary>
public sealed partial class ReadmeExamplesTests
{
    [Fact]
    public void Every_graphql_example_of_the_README_is_valid_against_the_schema()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var schema = Tickr.Graph.Schema.TickrSchema.Build();
        var blocks = GraphQLBlocks().Matches(readme).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(blocks);
        var failures = new List<string>();
        var operations = 0;
        foreach (var block in blocks)
        {
            // A block may hold several examples: each operation is validated on its own (with the fragments it uses).
            var document = Parser.Parse(block);
            var fragments = document.Definitions.OfType<FragmentDefinitionNode>().ToList();
            foreach (var operation in document.Definitions.OfType<OperationDefinitionNode>())
            {
                operations++;
                var single = new DocumentNode { Definitions = [operation, .. fragments] };
                var errors = DocumentValidator.Validate(schema, single);
                if (errors.Count > 0)
                {
                    failures.Add($"{Printer.Print(operation)}\n  → {string.Join("; ", errors.Select(e => e.Message))}");
                }
            }
        }
        Assert.True(operations >= 10, $"only {operations} operations found in the README");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [GeneratedRegex("```graphql\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex GraphQLBlocks();
}
