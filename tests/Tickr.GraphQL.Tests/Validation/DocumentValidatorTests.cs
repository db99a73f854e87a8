using System.Diagnostics;
using System.Text;
using Tickr.GraphQL.Language;
using Tickr.GraphQL.Types;
using Tickr.GraphQL.Types.Sdl;
using Tickr.GraphQL.Validation;
using Tickr.GraphQL.Validation.Limits;
using static Tickr.GraphQL.Tests.Validation.ValidationHarness;

namespace Tickr.GraphQL.Tests.Validation;

public class DocumentValidatorTests
{
    private static IReadOnlyList<GraphQLError> ValidateAll(string document, ValidationOptions? options = null) =>
        DocumentValidator.Validate(TestSchema, Parse(document), options);

    [Fact]
    public void A_valid_document_passes_every_rule()
    {
        Assert.Empty(ValidateAll("""
            query Q($cmd: DogCommand = SIT, $withName: Boolean!) {
              dog {
                ...DogFields
                doesKnowCommand(dogCommand: $cmd)
                name @include(if: $withName)
              }
              catOrDog { ... on Cat { meows } ... on Dog { barks } __typename }
              __type(name: "Dog") { name fields { name } }
            }
            fragment DogFields on Dog { name mother { name } }
            """));
    }

    [Fact]
    public void The_full_introspection_query_is_valid()
    {
        Assert.Empty(ValidateAll(IntrospectionQuery));
    }

    [Fact]
    public void Errors_carry_the_validation_code_and_all_rules_run_in_one_pass()
    {
        var errors = ValidateAll("""
            query Q($unused: Int) { dog { nam } unknownRoot }
            """);
        Assert.Equal("""
            Cannot query field "nam" on type "Dog". Did you mean "name"? @ 1:31
            Cannot query field "unknownRoot" on type "QueryRoot". @ 1:37
            Variable "$unused" is never used in operation "Q". @ 1:9
            """.ReplaceLineEndings("\n"), Describe(errors));
        Assert.All(errors, e => Assert.Equal(ErrorCodes.ValidationFailed, e.Code));
    }

    [Fact]
    public void Validation_stops_after_the_error_limit()
    {
        var doc = new StringBuilder("{ ");
        for (var i = 0; i < 500; i++)
        {
            doc.Append("unknown").Append(i).Append(' ');
        }
        doc.Append('}');
        var errors = ValidateAll(doc.ToString(), new ValidationOptions { MaxErrors = 10 });
        Assert.Equal(11, errors.Count);
        Assert.Equal("Too many validation errors, error limit reached. Validation aborted.", errors[10].Message);
    }

    [Fact]
    public void Extra_rules_run_alongside_the_specified_rules()
    {
        var options = new ValidationOptions { Rules = [new NoDogsRule()] };
        var errors = ValidateAll("{ dog { name } }", options);
        Assert.Equal("No dogs allowed. @ 1:3", Describe(errors));
    }

    [Fact]
    public void Limits_are_reported_with_their_own_codes()
    {
        var errors = ValidateAll("{ a: dog { name } b: dog { name } }", new ValidationOptions { MaxAliases = 1, MaxDepth = 1, MaxFields = 3 });
        Assert.Equal(
            [ErrorCodes.MaxDepthExceeded, ErrorCodes.MaxAliasesExceeded, ErrorCodes.MaxFieldsExceeded],
            errors.Select(e => e.Code).ToArray());
    }

    [Fact]
    public void Validating_the_same_document_twice_gives_the_same_errors()
    {
        const string doc = "query ($v: Int) { dog { ...F x: name } } fragment F on Dog { x: barks }";
        var first = Describe(ValidateAll(doc));
        var second = Describe(ValidateAll(doc));
        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }

    private sealed class NoDogsRule : ValidationVisitor, IValidationRule
    {
        public ValidationVisitor CreateVisitor(ValidationContext context) => new NoDogsRule();

        public override void EnterField(ValidationContext context, Tickr.GraphQL.Language.Ast.FieldNode node)
        {
            if (context.FieldDefinition?.Type.NamedType().Name == "Dog")
            {
                context.ReportError("No dogs allowed.", node);
            }
        }
    }

    internal const string IntrospectionQuery = """
        query IntrospectionQuery {
          __schema {
            queryType { name }
            mutationType { name }
            subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) {
            name description
            args { ...InputValue }
            type { ...TypeRef }
            isDeprecated deprecationReason
          }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
        }
        """;
}

public class CostAnalyzerTests
{
    private static readonly Schema CostSchema = BuildCostSchema();

    private static Schema BuildCostSchema()
    {
        var schema = SdlSchemaBuilder.FromDocument(Parser.Parse("""
            type Query { users(first: Int, last: Int): [User] user: User expensive: Int tags: [String] }
            type User { name: String friends(first: Int): [User] posts: [Post] }
            type Post { title: String }
            """));
        var query = (ObjectType)schema.GetType("Query")!;
        query.Fields["users"]!.SlicingArguments.Add("first");
        query.Fields["users"]!.SlicingArguments.Add("last");
        query.Fields["expensive"]!.Cost = 7;
        var user = (ObjectType)schema.GetType("User")!;
        user.Fields["friends"]!.SlicingArguments.Add("first");
        user.Fields["posts"]!.ListSize = 3;
        return schema;
    }

    private static long Cost(string document, IReadOnlyDictionary<string, object?>? variables = null, string? operationName = null) =>
        CostAnalyzer.Analyze(CostSchema, Parser.Parse(document), operationName, variables);

    [Fact]
    public void Leaves_cost_nothing_and_composites_one_unless_configured() =>
        Assert.Equal(1 + 7, Cost("{ user { name __typename } expensive }"));

    [Fact]
    public void Children_of_a_list_are_multiplied_by_its_slicing_argument() =>
        // users: 1; each of 5 users: friends 1 + 2 × (friends' children: 0) → 5 × 1
        Assert.Equal(1 + 5 * 1, Cost("{ users(first: 5) { name friends(first: 2) { name } } }"));

    [Fact]
    public void Largest_slicing_argument_then_list_size_then_default_apply() =>
        // users(first: 2, last: 4) → ×4; posts: ListSize 3 (leaf children); friends without argument: default 10.
        Assert.Equal(1 + 4 * (1 + 1 + 10 * 1), Cost("{ users(first: 2, last: 4) { posts { title } friends { friends { name } } } }"));

    [Fact]
    public void Variables_and_their_defaults_give_slicing_values()
    {
        const string doc = "query Q($n: Int = 3) { users(first: $n) { posts { title } } }";
        Assert.Equal(1 + 3 * 1, Cost(doc));
        Assert.Equal(1 + 20 * 1, Cost(doc, new Dictionary<string, object?> { ["n"] = 20 }));
    }

    [Fact]
    public void Fragments_are_costed_at_each_spread_and_the_named_operation_is_chosen()
    {
        const string doc = """
            query A { user { ...F } users(first: 2) { ...F } }
            query B { expensive }
            fragment F on User { posts { title } }
            """;
        Assert.Equal(1 + 1 + 1 + 2 * 1, Cost(doc, operationName: "A"));
        Assert.Equal(7, Cost(doc, operationName: "B"));
        Assert.Equal(0, Cost(doc, operationName: "Missing"));
    }

    [Fact]
    public void Cost_rule_refuses_expensive_operations()
    {
        var doc = Parser.Parse("{ users(first: 100) { friends(first: 100) { name } } }");
        Assert.Empty(DocumentValidator.Validate(CostSchema, doc, new ValidationOptions { MaxCost = 101 }));
        var error = Assert.Single(DocumentValidator.Validate(CostSchema, doc, new ValidationOptions { MaxCost = 100 }));
        Assert.Equal(ErrorCodes.MaxCostExceeded, error.Code);
        Assert.Equal("The operation has a cost of 101, which exceeds the maximum cost of 100.", error.Message);
    }

    [Fact]
    public void Nested_lists_saturate_instead_of_overflowing()
    {
        var doc = new StringBuilder("{ users(first: 1000000) { ");
        for (var i = 0; i < 30; i++) doc.Append("friends(first: 1000000) { ");
        doc.Append("name");
        for (var i = 0; i < 31; i++) doc.Append(" }");
        doc.Append(" }");
        Assert.Equal(long.MaxValue, Cost(doc.ToString()));
    }
}

public class HostileDocumentTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    private static IReadOnlyList<GraphQLError> Timed(string document, ValidationOptions? options = null)
    {
        var parsed = Parse(document);
        var watch = Stopwatch.StartNew();
        var errors = DocumentValidator.Validate(TestSchema, parsed, options);
        watch.Stop();
        Assert.True(watch.Elapsed < Budget, $"validation took {watch.Elapsed}");
        return errors;
    }

    [Fact]
    public void Ten_thousand_aliases_are_refused_quickly()
    {
        var doc = new StringBuilder("{ ");
        for (var i = 0; i < 10_000; i++) doc.Append("a").Append(i).Append(": dog { name } ");
        doc.Append('}');
        var errors = Timed(doc.ToString(), new ValidationOptions { MaxAliases = 100 });
        var error = Assert.Single(errors);
        Assert.Equal(ErrorCodes.MaxAliasesExceeded, error.Code);
    }

    [Fact]
    public void Ten_thousand_identical_fields_merge_quickly()
    {
        var doc = new StringBuilder("{ dog { ");
        for (var i = 0; i < 10_000; i++) doc.Append("name mother { name } ");
        doc.Append("} }");
        Assert.Empty(Timed(doc.ToString()));
    }

    [Fact]
    public void Thousands_of_same_named_conflicting_fields_report_each_distinct_conflict_once()
    {
        var doc = new StringBuilder("{ dog { ");
        for (var i = 0; i < 5_000; i++) doc.Append(i % 2 == 0 ? "x: name " : "x: nickname ");
        doc.Append("} }");
        var errors = Timed(doc.ToString());
        var error = Assert.Single(errors);
        Assert.StartsWith("Fields \"x\" conflict because \"name\" and \"nickname\" are different fields.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Thousands_of_distinct_conflicting_fields_stop_at_the_error_limit()
    {
        var doc = new StringBuilder("{ dog { ");
        for (var i = 0; i < 5_000; i++) doc.Append("x: isAtLocation(x: ").Append(i).Append(") ");
        doc.Append("} }");
        var errors = Timed(doc.ToString());
        Assert.Equal(101, errors.Count);
    }

    [Fact]
    public void Many_distinct_subselections_under_one_name_finish()
    {
        var doc = new StringBuilder("{ dog { ");
        for (var i = 0; i < 3_000; i++) doc.Append("mother { a").Append(i).Append(": name } ");
        doc.Append("} }");
        var errors = Timed(doc.ToString());
        Assert.True(errors.Count <= 1, ValidationHarness.Describe(errors));
    }

    [Fact]
    public void Repeated_spreads_of_nested_fragments_do_not_go_exponential()
    {
        var doc = new StringBuilder("{ dog { ...F0 } }\n");
        for (var i = 0; i < 200; i++)
        {
            doc.Append($"fragment F{i} on Dog {{ name mother {{ ...F{i + 1} }} ...F{i + 1} ...F{i + 1} }}\n");
        }
        doc.Append("fragment F200 on Dog { name }\n");
        Assert.Empty(Timed(doc.ToString()));
    }

    [Fact]
    public void Deeply_nested_fragment_chain_finishes()
    {
        var doc = new StringBuilder("{ dog { ...F0 } }\n");
        for (var i = 0; i < 3_000; i++)
        {
            doc.Append($"fragment F{i} on Dog {{ ...F{i + 1} }}\n");
        }
        doc.Append("fragment F3000 on Dog { name }\n");
        var errors = Timed(doc.ToString(), new ValidationOptions { MaxDepth = 10, MaxFields = 10, MaxCost = 10 });
        Assert.All(errors, e => Assert.NotEqual(ErrorCodes.Unexpected, e.Code));
    }

    [Fact]
    public void Fragment_cycles_are_reported_without_hanging()
    {
        var errors = Timed("""
            { dog { ...A } }
            fragment A on Dog { name ...B mother { ...A } }
            fragment B on Dog { barks ...A ...B }
            """, new ValidationOptions { MaxDepth = 5, MaxFields = 50, MaxCost = 50 });
        Assert.Contains(errors, e => e.Message.StartsWith("Cannot spread fragment", StringComparison.Ordinal));
        Assert.All(errors, e => Assert.NotEqual(ErrorCodes.Unexpected, e.Code));
    }

    [Fact]
    public void Many_fragments_spread_side_by_side_finish()
    {
        var doc = new StringBuilder("{ dog { ");
        for (var i = 0; i < 500; i++) doc.Append("...F").Append(i).Append(' ');
        doc.Append("} }\n");
        for (var i = 0; i < 500; i++) doc.Append($"fragment F{i} on Dog {{ name mother {{ name }} x{i % 7}: barks }}\n");
        Assert.Empty(Timed(doc.ToString()));
    }

    [Fact]
    public void Deep_nesting_becomes_an_error_not_a_crash()
    {
        var doc = new StringBuilder("{ dog { ");
        for (var i = 0; i < 5_000; i++) doc.Append("mother { ");
        doc.Append("name");
        for (var i = 0; i < 5_002; i++) doc.Append(" }");
        var errors = Timed(doc.ToString(), new ValidationOptions { MaxDepth = 100 });
        Assert.NotEmpty(errors);
    }
}
